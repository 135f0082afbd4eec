"""The unit POA: loading its operations and matching functions to them."""
