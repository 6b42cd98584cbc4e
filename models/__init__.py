"""The bundled TensorFlow Lite models (see README.md here for provenance)."""
