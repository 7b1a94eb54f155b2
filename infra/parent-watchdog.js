// Preloaded into Azurite by MlOps (node -r): stop when the process that started it is gone, so a host or test
// run killed without a chance to stop Azurite does not leave it holding ports and files.
const parent = Number(process.env.MLOPS_PARENT_PID);
if (parent > 0) {
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(0);
    }
  }, 1000).unref();
}
