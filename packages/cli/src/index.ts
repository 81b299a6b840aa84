export { main } from "./cli.js";
export { exitCodes, type CliIo } from "./io.js";
