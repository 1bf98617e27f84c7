// Entry point placeholder; replaced by the ArgumentParser command.
print("reconcile")
