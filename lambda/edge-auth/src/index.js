// Deployment entry point: `edge-config` is the JSON bundled by build.mjs (EDGE_CONFIG or config.json).
import config from "edge-config";
import { createHandler } from "./app.js";

export const handler = createHandler(config);
