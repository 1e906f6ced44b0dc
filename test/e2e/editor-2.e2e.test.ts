import { editorSuite } from './editor';

editorSuite('2.41.1', 'screenshot-editor-2.png');
