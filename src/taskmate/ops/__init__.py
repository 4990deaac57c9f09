"""Operating an instance: health checks, the doctor, metrics, the garbage collector."""
