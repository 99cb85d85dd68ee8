"""Text hygiene and provenance: mojibake (hygiene.encoding), glued sentences (hygiene.glued),
missing provenance (provenance.missing)."""
