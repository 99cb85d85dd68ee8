"""Leakage: site chrome, paywall text and metadata left in an article's text (boilerplate.line,
paywall.text, metadata.leak), and the segmentation of a text into lines they share."""
