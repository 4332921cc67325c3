import { unplugin } from './index.js';
/** `plugins: [tspoll()]` in `rollup.config.js`. */
export default unplugin.rollup;
