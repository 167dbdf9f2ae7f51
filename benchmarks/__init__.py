"""Synthetic corpora and the benchmark runner behind `make bench`; never imported by the generator."""
