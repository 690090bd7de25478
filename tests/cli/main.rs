//! Integration tests: run the real binary on samples/.
