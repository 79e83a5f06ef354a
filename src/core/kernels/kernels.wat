;; Sapling's hot loops in WebAssembly (compiled by scripts/build-kernels.mjs into kernels.wasm.ts).
;; JavaScript pays for bounds checks and float conversions on every typed-array access in these
;; loops; here they run 3-4x faster. Each has a plain TypeScript twin that gives the same answer
;; (kernels.test.ts checks), used where WebAssembly SIMD is missing.
;; The memory is imported so helper threads can share it; the build fills in its type
;; (shared or not).
(module
  (import "env" "memory" {{MEMORY}})

  ;; Boosting histogram over rows order[start, end) and every feature: the bin
  ;; h = hist + ((f * 256) + bins[r * d + f]) * 24 gets (1, g, h) added (count, Σg, Σh in f64) from
  ;; gh[r] = (g, h) in f32, as scikit-learn keeps gradients. Rows are the outer loop (one scattered
  ;; read of a row's bins and gradients), as LightGBM does.
  (func (export "hist3") (param $hist i32) (param $bins i32) (param $d i32) (param $order i32) (param $start i32) (param $end i32) (param $stats i32)
    (local $i i32) (local $r i32) (local $row i32) (local $rowEnd i32) (local $at i32) (local $base i32) (local $sp i32)
    (local $g1 f64) (local $g2 f64)
    (local.set $i (local.get $start))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $r (i32.load (i32.add (local.get $order) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $sp (i32.add (local.get $stats) (i32.shl (local.get $r) (i32.const 3))))
      (local.set $g1 (f64.promote_f32 (f32.load (local.get $sp))))
      (local.set $g2 (f64.promote_f32 (f32.load offset=4 (local.get $sp))))
      (local.set $row (i32.add (local.get $bins) (i32.mul (local.get $r) (local.get $d))))
      (local.set $rowEnd (i32.add (local.get $row) (local.get $d)))
      (local.set $base (local.get $hist))
      (block $fdone (loop $features
        (br_if $fdone (i32.ge_u (local.get $row) (local.get $rowEnd)))
        (local.set $at (i32.add (local.get $base) (i32.mul (i32.load8_u (local.get $row)) (i32.const 24))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.const 1)))
        (f64.store offset=8 (local.get $at) (f64.add (f64.load offset=8 (local.get $at)) (local.get $g1)))
        (f64.store offset=16 (local.get $at) (f64.add (f64.load offset=16 (local.get $at)) (local.get $g2)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (local.set $base (i32.add (local.get $base) (i32.const 6144)))
        (br $features)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows))))

  ;; hist3 over the `count` features listed (i32) at `features` only (column subsampling).
  (func (export "hist3Subset") (param $hist i32) (param $bins i32) (param $d i32) (param $order i32) (param $start i32) (param $end i32) (param $stats i32) (param $features i32) (param $count i32)
    (local $i i32) (local $r i32) (local $row i32) (local $k i32) (local $f i32) (local $at i32) (local $sp i32)
    (local $g1 f64) (local $g2 f64)
    (local.set $i (local.get $start))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $r (i32.load (i32.add (local.get $order) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $sp (i32.add (local.get $stats) (i32.shl (local.get $r) (i32.const 3))))
      (local.set $g1 (f64.promote_f32 (f32.load (local.get $sp))))
      (local.set $g2 (f64.promote_f32 (f32.load offset=4 (local.get $sp))))
      (local.set $row (i32.add (local.get $bins) (i32.mul (local.get $r) (local.get $d))))
      (local.set $k (i32.const 0))
      (block $fdone (loop $features
        (br_if $fdone (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $f (i32.load (i32.add (local.get $features) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $at (i32.add (local.get $hist)
          (i32.mul (i32.add (i32.mul (local.get $f) (i32.const 256)) (i32.load8_u (i32.add (local.get $row) (local.get $f)))) (i32.const 24))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.const 1)))
        (f64.store offset=8 (local.get $at) (f64.add (f64.load offset=8 (local.get $at)) (local.get $g1)))
        (f64.store offset=16 (local.get $at) (f64.add (f64.load offset=16 (local.get $at)) (local.get $g2)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $features)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows))))

  ;; Squared Euclidean distance (f32, by differences) between row $x and row $c, both $stride bytes
  ;; of f32x4 lanes (rows padded with zeros to a multiple of 4).
  (func $distance (param $x i32) (param $c i32) (param $stride i32) (result f32)
    (local $j i32) (local $acc v128) (local $t v128)
    (local.set $acc (v128.const f32x4 0 0 0 0))
    (block $done (loop $lanes
      (br_if $done (i32.ge_u (local.get $j) (local.get $stride)))
      (local.set $t (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $j))) (v128.load (i32.add (local.get $c) (local.get $j)))))
      (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $t) (local.get $t))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $lanes)))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
      (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))

  ;; For each of n rows of X: the nearest of k centres C (lowest index on ties) into labels (i32)
  ;; and its squared distance into dists (f32). Rows of X and C have d4 f32x4 lanes.
  (func (export "nearest") (param $X i32) (param $n i32) (param $d4 i32) (param $C i32) (param $k i32) (param $labels i32) (param $dists i32)
    (local $i i32) (local $c i32) (local $x i32) (local $crow i32) (local $stride i32) (local $s f32) (local $best f32) (local $bestc i32)
    (local.set $stride (i32.shl (local.get $d4) (i32.const 4)))
    (local.set $x (local.get $X))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $best (f32.const inf))
      (local.set $bestc (i32.const 0))
      (local.set $c (i32.const 0))
      (local.set $crow (local.get $C))
      (block $cdone (loop $centres
        (br_if $cdone (i32.ge_u (local.get $c) (local.get $k)))
        (local.set $s (call $distance (local.get $x) (local.get $crow) (local.get $stride)))
        (if (f32.lt (local.get $s) (local.get $best)) (then (local.set $best (local.get $s)) (local.set $bestc (local.get $c))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (local.set $crow (i32.add (local.get $crow) (local.get $stride)))
        (br $centres)))
      (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $bestc))
      (f32.store (i32.add (local.get $dists) (i32.shl (local.get $i) (i32.const 2))) (local.get $best))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $x (i32.add (local.get $x) (local.get $stride)))
      (br $rows))))

  ;; Every squared distance between n rows of X and k rows of C, row-major into out (n x k f32).
  (func (export "distances") (param $X i32) (param $n i32) (param $d4 i32) (param $C i32) (param $k i32) (param $out i32)
    (local $i i32) (local $c i32) (local $x i32) (local $crow i32) (local $stride i32)
    (local.set $stride (i32.shl (local.get $d4) (i32.const 4)))
    (local.set $x (local.get $X))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (i32.const 0))
      (local.set $crow (local.get $C))
      (block $cdone (loop $centres
        (br_if $cdone (i32.ge_u (local.get $c) (local.get $k)))
        (f32.store (local.get $out) (call $distance (local.get $x) (local.get $crow) (local.get $stride)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (local.set $crow (i32.add (local.get $crow) (local.get $stride)))
        (br $centres)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $x (i32.add (local.get $x) (local.get $stride)))
      (br $rows))))
)
