"""Scripts that print speed and size figures; never timed asserts (run each as a script)."""
