// What the main entry re-exports of task/introspect.ts, through a module of its own with no
// side effects: the main entry is live in every program, and a bundler keeps each module with
// side effects that a live module imports. Through this hop, a bundle keeps introspect.ts (and
// the runtime.dump() it installs) only when the program uses one of these names.
export {
  type DumpOptions,
  formatDump,
  machineInfo,
  type FrameDump,
  type RuntimeDump,
  type TaskDump,
  type TaskWarning,
  type WarningKind,
} from './introspect.js';
