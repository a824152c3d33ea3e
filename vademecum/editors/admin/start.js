// Starts the form editor once its YAML writer is the one used for `format: yml` files.
import { fromFile, toFile } from './keep-yaml.js';

window.CMS.registerCustomFormat('yml', 'yml', { fromFile, toFile });
window.CMS.init();
