import { editorSuite } from './editor';

editorSuite('1.123.50', 'screenshot-editor.png');
