"""Duplicates: exact and near copies, passages shared between articles, sentences repeated
inside one (duplicate.*), and the tokens, MinHash LSH, seeds and saved index they share."""
