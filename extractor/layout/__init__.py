"""Layout knowledge: the validated layout spec, segmentation into sections, family recognition, stitching."""
