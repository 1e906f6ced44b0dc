import { editorSuite } from './editor';

editorSuite('1.123.81', 'screenshot-editor.png');
