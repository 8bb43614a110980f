//! Nothing here: this package only carries the criterion benchmarks in the top-level
//! `benches/` (`cargo bench -p tutor-bench --bench engine`), so that `cargo test` on the
//! workspace's default members never builds criterion and its dependencies.
