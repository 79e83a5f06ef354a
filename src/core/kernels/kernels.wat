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
    (local $gh v128)
    (local.set $i (local.get $start))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $r (i32.load (i32.add (local.get $order) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $sp (i32.add (local.get $stats) (i32.shl (local.get $r) (i32.const 3))))
      (local.set $gh (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $sp))))
      (local.set $row (i32.add (local.get $bins) (i32.mul (local.get $r) (local.get $d))))
      (local.set $rowEnd (i32.add (local.get $row) (local.get $d)))
      (local.set $base (local.get $hist))
      ;; Four features a step (their histograms 6144 bytes apart, in the instructions' offsets).
      (block $f4done (loop $features4
        (br_if $f4done (i32.ge_u (i32.add (local.get $row) (i32.const 3)) (local.get $rowEnd)))
        (local.set $at (i32.add (local.get $base) (i32.mul (i32.load8_u offset=0 (local.get $row)) (i32.const 24))))
        (f64.store offset=0 (local.get $at) (f64.add (f64.load offset=0 (local.get $at)) (f64.const 1)))
        (v128.store offset=8 (local.get $at) (f64x2.add (v128.load offset=8 (local.get $at)) (local.get $gh)))
        (local.set $at (i32.add (local.get $base) (i32.mul (i32.load8_u offset=1 (local.get $row)) (i32.const 24))))
        (f64.store offset=6144 (local.get $at) (f64.add (f64.load offset=6144 (local.get $at)) (f64.const 1)))
        (v128.store offset=6152 (local.get $at) (f64x2.add (v128.load offset=6152 (local.get $at)) (local.get $gh)))
        (local.set $at (i32.add (local.get $base) (i32.mul (i32.load8_u offset=2 (local.get $row)) (i32.const 24))))
        (f64.store offset=12288 (local.get $at) (f64.add (f64.load offset=12288 (local.get $at)) (f64.const 1)))
        (v128.store offset=12296 (local.get $at) (f64x2.add (v128.load offset=12296 (local.get $at)) (local.get $gh)))
        (local.set $at (i32.add (local.get $base) (i32.mul (i32.load8_u offset=3 (local.get $row)) (i32.const 24))))
        (f64.store offset=18432 (local.get $at) (f64.add (f64.load offset=18432 (local.get $at)) (f64.const 1)))
        (v128.store offset=18440 (local.get $at) (f64x2.add (v128.load offset=18440 (local.get $at)) (local.get $gh)))
        (local.set $row (i32.add (local.get $row) (i32.const 4)))
        (local.set $base (i32.add (local.get $base) (i32.const 24576)))
        (br $features4)))
      (block $fdone (loop $features
        (br_if $fdone (i32.ge_u (local.get $row) (local.get $rowEnd)))
        (local.set $at (i32.add (local.get $base) (i32.mul (i32.load8_u offset=0 (local.get $row)) (i32.const 24))))
        (f64.store offset=0 (local.get $at) (f64.add (f64.load offset=0 (local.get $at)) (f64.const 1)))
        (v128.store offset=8 (local.get $at) (f64x2.add (v128.load offset=8 (local.get $at)) (local.get $gh)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (local.set $base (i32.add (local.get $base) (i32.const 6144)))
        (br $features)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows))))

  ;; hist3 over the `count` features listed (i32) at `features` only (column subsampling).
  (func (export "hist3Subset") (param $hist i32) (param $bins i32) (param $d i32) (param $order i32) (param $start i32) (param $end i32) (param $stats i32) (param $features i32) (param $count i32)
    (local $i i32) (local $r i32) (local $row i32) (local $k i32) (local $f i32) (local $at i32) (local $sp i32)
    (local $gh v128)
    (local.set $i (local.get $start))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $r (i32.load (i32.add (local.get $order) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $sp (i32.add (local.get $stats) (i32.shl (local.get $r) (i32.const 3))))
      (local.set $gh (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $sp))))
      (local.set $row (i32.add (local.get $bins) (i32.mul (local.get $r) (local.get $d))))
      (local.set $k (i32.const 0))
      (block $fdone (loop $features
        (br_if $fdone (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $f (i32.load (i32.add (local.get $features) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $at (i32.add (local.get $hist)
          (i32.mul (i32.add (i32.mul (local.get $f) (i32.const 256)) (i32.load8_u (i32.add (local.get $row) (local.get $f)))) (i32.const 24))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.const 1)))
        (v128.store offset=8 (local.get $at) (f64x2.add (v128.load offset=8 (local.get $at)) (local.get $gh)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $features)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows))))

  ;; Stable partition of rows order[start, end) (byte addresses `order` + 4·i) of a boosting node
  ;; by a split: bins is the split feature's column (feature-major, one byte per row); a row goes
  ;; left when its bin ≤ threshold, or is the missing bin (255) and missingLeft is 1. Branch-free:
  ;; each row is written to both sides and one cursor moves; the right side is copied back after
  ;; the left. Returns the index of the first right row.
  (func (export "partition") (param $bins i32) (param $order i32) (param $start i32) (param $end i32) (param $scratch i32) (param $threshold i32) (param $missingLeft i32) (result i32)
    (local $p i32) (local $last i32) (local $l i32) (local $r i32) (local $row i32) (local $b i32) (local $left i32)
    (local.set $p (i32.add (local.get $order) (i32.shl (local.get $start) (i32.const 2))))
    (local.set $last (i32.add (local.get $order) (i32.shl (local.get $end) (i32.const 2))))
    (local.set $l (local.get $p))
    (local.set $r (local.get $scratch))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $p) (local.get $last)))
      (local.set $row (i32.load (local.get $p)))
      (local.set $b (i32.load8_u (i32.add (local.get $bins) (local.get $row))))
      (local.set $left (i32.or (i32.le_u (local.get $b) (local.get $threshold))
        (i32.and (i32.eq (local.get $b) (i32.const 255)) (local.get $missingLeft))))
      (i32.store (local.get $l) (local.get $row))
      (i32.store (local.get $r) (local.get $row))
      (local.set $l (i32.add (local.get $l) (i32.shl (local.get $left) (i32.const 2))))
      (local.set $r (i32.add (local.get $r) (i32.shl (i32.xor (local.get $left) (i32.const 1)) (i32.const 2))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $rows)))
    (memory.copy (local.get $l) (local.get $scratch) (i32.sub (local.get $r) (local.get $scratch)))
    (i32.shr_u (i32.sub (local.get $l) (local.get $order)) (i32.const 2)))

  ;; a −= b over `count` f64s (count even): histogram subtraction.
  (func (export "subtract") (param $a i32) (param $b i32) (param $count i32)
    (local $last i32)
    (local.set $last (i32.add (local.get $a) (i32.shl (local.get $count) (i32.const 3))))
    (block $done (loop $pairs
      (br_if $done (i32.ge_u (local.get $a) (local.get $last)))
      (v128.store (local.get $a) (f64x2.sub (v128.load (local.get $a)) (v128.load (local.get $b))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (br $pairs))))

;; The k-means kernels. Rows of X and of the points (centres, candidates) are d4 f32x4 lanes,
  ;; zero-padded; distances are squared Euclidean, by differences, summed in f32 lanes. The distance
  ;; loop is written out in each kernel (V8 does not inline it, and the call cost a third of the time).

  ;; For each of n rows: the nearest of k points P (lowest index on ties) into labels (i32) and its
  ;; squared distance into dists (f32).
  (func (export "nearest") (param $X i32) (param $n i32) (param $d4 i32) (param $P i32) (param $k i32) (param $labels i32) (param $dists i32)
    (local $i i32) (local $c i32) (local $j i32) (local $x i32) (local $p i32) (local $stride i32)
    (local $acc v128) (local $t v128) (local $s f32) (local $best f32) (local $bestc i32)
    (local.set $stride (i32.shl (local.get $d4) (i32.const 4)))
    (local.set $x (local.get $X))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $best (f32.const inf))
      (local.set $bestc (i32.const 0))
      (local.set $c (i32.const 0))
      (local.set $p (local.get $P))
      (block $cdone (loop $points
        (br_if $cdone (i32.ge_u (local.get $c) (local.get $k)))
        (local.set $acc (v128.const f32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (block $ldone (loop $lanes
          (br_if $ldone (i32.ge_u (local.get $j) (local.get $stride)))
          (local.set $t (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $j))) (v128.load (i32.add (local.get $p) (local.get $j)))))
          (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $t) (local.get $t))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $lanes)))
        (local.set $s (f32.add
          (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
          (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
        (if (f32.lt (local.get $s) (local.get $best)) (then (local.set $best (local.get $s)) (local.set $bestc (local.get $c))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br $points)))
      (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $bestc))
      (f32.store (i32.add (local.get $dists) (i32.shl (local.get $i) (i32.const 2))) (local.get $best))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $x (i32.add (local.get $x) (local.get $stride)))
      (br $rows))))

  ;; k-means++ trials: sums[c] (f64) = sum over rows of min(dist(row, P[c]), closest[row]), c < k.
  (func (export "trialSums") (param $X i32) (param $n i32) (param $d4 i32) (param $P i32) (param $k i32) (param $closest i32) (param $sums i32)
    (local $i i32) (local $c i32) (local $j i32) (local $x i32) (local $p i32) (local $stride i32) (local $near f32)
    (local $acc v128) (local $t v128) (local $s f32) (local $sum i32)
    (local.set $stride (i32.shl (local.get $d4) (i32.const 4)))
    (local.set $x (local.get $X))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $near (f32.load (i32.add (local.get $closest) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $c (i32.const 0))
      (local.set $p (local.get $P))
      (local.set $sum (local.get $sums))
      (block $cdone (loop $points
        (br_if $cdone (i32.ge_u (local.get $c) (local.get $k)))
        (local.set $acc (v128.const f32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (block $ldone (loop $lanes
          (br_if $ldone (i32.ge_u (local.get $j) (local.get $stride)))
          (local.set $t (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $j))) (v128.load (i32.add (local.get $p) (local.get $j)))))
          (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $t) (local.get $t))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $lanes)))
        (local.set $s (f32.min (local.get $near) (f32.add
          (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
          (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc))))))
        (f64.store (local.get $sum) (f64.add (f64.load (local.get $sum)) (f64.promote_f32 (local.get $s))))
        (local.set $sum (i32.add (local.get $sum) (i32.const 8)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br $points)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $x (i32.add (local.get $x) (local.get $stride)))
      (br $rows))))

  ;; closest[row] = min(closest[row], dist(row, P[0])) for every row (f32).
  (func (export "updateClosest") (param $X i32) (param $n i32) (param $d4 i32) (param $P i32) (param $closest i32)
    (local $i i32) (local $j i32) (local $x i32) (local $stride i32) (local $at i32)
    (local $acc v128) (local $t v128)
    (local.set $stride (i32.shl (local.get $d4) (i32.const 4)))
    (local.set $x (local.get $X))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $acc (v128.const f32x4 0 0 0 0))
      (local.set $j (i32.const 0))
      (block $ldone (loop $lanes
        (br_if $ldone (i32.ge_u (local.get $j) (local.get $stride)))
        (local.set $t (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $j))) (v128.load (i32.add (local.get $P) (local.get $j)))))
        (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $t) (local.get $t))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $lanes)))
      (local.set $at (i32.add (local.get $closest) (i32.shl (local.get $i) (i32.const 2))))
      (f32.store (local.get $at) (f32.min (f32.load (local.get $at)) (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
        (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $x (i32.add (local.get $x) (local.get $stride)))
      (br $rows))))

  ;; Lloyd's update: sums[labels[row]] += row (f64, stride lanes) and counts[labels[row]] += 1.
  (func (export "centroidSums") (param $X i32) (param $n i32) (param $d4 i32) (param $labels i32) (param $sums i32) (param $counts i32)
    (local $i i32) (local $j i32) (local $x i32) (local $c i32) (local $row i32) (local $stride i32) (local $at i32) (local $v v128)
    (local.set $stride (i32.shl (local.get $d4) (i32.const 4)))
    (local.set $x (local.get $X))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $at (i32.add (local.get $counts) (i32.shl (local.get $c) (i32.const 3))))
      (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.const 1)))
      ;; f64 sums take twice the lanes: stride * 2 bytes per centre.
      (local.set $row (i32.add (local.get $sums) (i32.mul (local.get $c) (i32.shl (local.get $stride) (i32.const 1)))))
      (local.set $j (i32.const 0))
      (block $ldone (loop $lanes
        (br_if $ldone (i32.ge_u (local.get $j) (local.get $stride)))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $j))))
        (local.set $at (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 1))))
        (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (f64x2.promote_low_f32x4 (local.get $v))))
        (v128.store offset=16 (local.get $at) (f64x2.add (v128.load offset=16 (local.get $at)) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $lanes)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $x (i32.add (local.get $x) (local.get $stride)))
      (br $rows))))

  ;; Tree prediction. A packed tree is 16-byte nodes: (i32) the split feature's byte offset in a
  ;; row; (f32) the threshold, rounded down to a float32 (so `v <= it` for a float32 v is the same
  ;; test as against the exact threshold); (i32) the address of the left child, the right child
  ;; being the next node; (i32) the node's number in the unpacked tree, with bit 31 set when a
  ;; missing value goes left. A leaf has feature 0, threshold +inf, missing-left and itself as
  ;; child, so walking on from it stays on it: every row takes `depth` steps with no branch on the
  ;; way, 8 rows at a time, which lets the processor overlap their walks (each is a chain of
  ;; dependent loads). Blocks without missing values (hasMissing 0) take a shorter step.
  ;; treeLeaves writes the unpacked leaf number of each of n rows of X (f32, d per row) to leaves (i32).
  (func (export "treeLeaves") (param $X i32) (param $n i32) (param $d i32) (param $root i32) (param $depth i32) (param $leaves i32) (param $hasMissing i32)
    (local $i i32) (local $s i32) (local $rowBytes i32) (local $o i32) (local $v f32)
    (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32) (local $x4 i32) (local $x5 i32) (local $x6 i32) (local $x7 i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $a4 i32) (local $a5 i32) (local $a6 i32) (local $a7 i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 2)))
    (local.set $x0 (local.get $X))
    (local.set $o (local.get $leaves))
    (block $doneGroup (loop $groups
      (br_if $doneGroup (i32.gt_u (i32.add (local.get $i) (i32.const 8)) (local.get $n)))
      (local.set $x1 (i32.add (local.get $x0) (local.get $rowBytes)))
      (local.set $x2 (i32.add (local.get $x1) (local.get $rowBytes)))
      (local.set $x3 (i32.add (local.get $x2) (local.get $rowBytes)))
      (local.set $x4 (i32.add (local.get $x3) (local.get $rowBytes)))
      (local.set $x5 (i32.add (local.get $x4) (local.get $rowBytes)))
      (local.set $x6 (i32.add (local.get $x5) (local.get $rowBytes)))
      (local.set $x7 (i32.add (local.get $x6) (local.get $rowBytes)))
      (local.set $a0 (local.get $root))
      (local.set $a1 (local.get $root))
      (local.set $a2 (local.get $root))
      (local.set $a3 (local.get $root))
      (local.set $a4 (local.get $root))
      (local.set $a5 (local.get $root))
      (local.set $a6 (local.get $root))
      (local.set $a7 (local.get $root))
      (local.set $s (i32.const 0))
      (if (local.get $hasMissing)
        (then (block $walked (loop $steps
          (br_if $walked (i32.ge_u (local.get $s) (local.get $depth)))
          (local.set $v (f32.load (i32.add (local.get $x0) (i32.load (local.get $a0)))))
          (local.set $a0 (i32.add (i32.load offset=8 (local.get $a0))
            (i32.shl (i32.xor (i32.const 1) (i32.or (f32.le (local.get $v) (f32.load offset=4 (local.get $a0)))
              (i32.and (f32.ne (local.get $v) (local.get $v)) (i32.shr_u (i32.load offset=12 (local.get $a0)) (i32.const 31))))) (i32.const 4))))
          (local.set $v (f32.load (i32.add (local.get $x1) (i32.load (local.get $a1)))))
          (local.set $a1 (i32.add (i32.load offset=8 (local.get $a1))
            (i32.shl (i32.xor (i32.const 1) (i32.or (f32.le (local.get $v) (f32.load offset=4 (local.get $a1)))
              (i32.and (f32.ne (local.get $v) (local.get $v)) (i32.shr_u (i32.load offset=12 (local.get $a1)) (i32.const 31))))) (i32.const 4))))
          (local.set $v (f32.load (i32.add (local.get $x2) (i32.load (local.get $a2)))))
          (local.set $a2 (i32.add (i32.load offset=8 (local.get $a2))
            (i32.shl (i32.xor (i32.const 1) (i32.or (f32.le (local.get $v) (f32.load offset=4 (local.get $a2)))
              (i32.and (f32.ne (local.get $v) (local.get $v)) (i32.shr_u (i32.load offset=12 (local.get $a2)) (i32.const 31))))) (i32.const 4))))
          (local.set $v (f32.load (i32.add (local.get $x3) (i32.load (local.get $a3)))))
          (local.set $a3 (i32.add (i32.load offset=8 (local.get $a3))
            (i32.shl (i32.xor (i32.const 1) (i32.or (f32.le (local.get $v) (f32.load offset=4 (local.get $a3)))
              (i32.and (f32.ne (local.get $v) (local.get $v)) (i32.shr_u (i32.load offset=12 (local.get $a3)) (i32.const 31))))) (i32.const 4))))
          (local.set $v (f32.load (i32.add (local.get $x4) (i32.load (local.get $a4)))))
          (local.set $a4 (i32.add (i32.load offset=8 (local.get $a4))
            (i32.shl (i32.xor (i32.const 1) (i32.or (f32.le (local.get $v) (f32.load offset=4 (local.get $a4)))
              (i32.and (f32.ne (local.get $v) (local.get $v)) (i32.shr_u (i32.load offset=12 (local.get $a4)) (i32.const 31))))) (i32.const 4))))
          (local.set $v (f32.load (i32.add (local.get $x5) (i32.load (local.get $a5)))))
          (local.set $a5 (i32.add (i32.load offset=8 (local.get $a5))
            (i32.shl (i32.xor (i32.const 1) (i32.or (f32.le (local.get $v) (f32.load offset=4 (local.get $a5)))
              (i32.and (f32.ne (local.get $v) (local.get $v)) (i32.shr_u (i32.load offset=12 (local.get $a5)) (i32.const 31))))) (i32.const 4))))
          (local.set $v (f32.load (i32.add (local.get $x6) (i32.load (local.get $a6)))))
          (local.set $a6 (i32.add (i32.load offset=8 (local.get $a6))
            (i32.shl (i32.xor (i32.const 1) (i32.or (f32.le (local.get $v) (f32.load offset=4 (local.get $a6)))
              (i32.and (f32.ne (local.get $v) (local.get $v)) (i32.shr_u (i32.load offset=12 (local.get $a6)) (i32.const 31))))) (i32.const 4))))
          (local.set $v (f32.load (i32.add (local.get $x7) (i32.load (local.get $a7)))))
          (local.set $a7 (i32.add (i32.load offset=8 (local.get $a7))
            (i32.shl (i32.xor (i32.const 1) (i32.or (f32.le (local.get $v) (f32.load offset=4 (local.get $a7)))
              (i32.and (f32.ne (local.get $v) (local.get $v)) (i32.shr_u (i32.load offset=12 (local.get $a7)) (i32.const 31))))) (i32.const 4))))
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br $steps))))
        (else (block $walkedPlain (loop $stepsPlain
          (br_if $walkedPlain (i32.ge_u (local.get $s) (local.get $depth)))
          (local.set $a0 (i32.add (i32.load offset=8 (local.get $a0))
            (i32.shl (f32.gt (f32.load (i32.add (local.get $x0) (i32.load (local.get $a0)))) (f32.load offset=4 (local.get $a0))) (i32.const 4))))
          (local.set $a1 (i32.add (i32.load offset=8 (local.get $a1))
            (i32.shl (f32.gt (f32.load (i32.add (local.get $x1) (i32.load (local.get $a1)))) (f32.load offset=4 (local.get $a1))) (i32.const 4))))
          (local.set $a2 (i32.add (i32.load offset=8 (local.get $a2))
            (i32.shl (f32.gt (f32.load (i32.add (local.get $x2) (i32.load (local.get $a2)))) (f32.load offset=4 (local.get $a2))) (i32.const 4))))
          (local.set $a3 (i32.add (i32.load offset=8 (local.get $a3))
            (i32.shl (f32.gt (f32.load (i32.add (local.get $x3) (i32.load (local.get $a3)))) (f32.load offset=4 (local.get $a3))) (i32.const 4))))
          (local.set $a4 (i32.add (i32.load offset=8 (local.get $a4))
            (i32.shl (f32.gt (f32.load (i32.add (local.get $x4) (i32.load (local.get $a4)))) (f32.load offset=4 (local.get $a4))) (i32.const 4))))
          (local.set $a5 (i32.add (i32.load offset=8 (local.get $a5))
            (i32.shl (f32.gt (f32.load (i32.add (local.get $x5) (i32.load (local.get $a5)))) (f32.load offset=4 (local.get $a5))) (i32.const 4))))
          (local.set $a6 (i32.add (i32.load offset=8 (local.get $a6))
            (i32.shl (f32.gt (f32.load (i32.add (local.get $x6) (i32.load (local.get $a6)))) (f32.load offset=4 (local.get $a6))) (i32.const 4))))
          (local.set $a7 (i32.add (i32.load offset=8 (local.get $a7))
            (i32.shl (f32.gt (f32.load (i32.add (local.get $x7) (i32.load (local.get $a7)))) (f32.load offset=4 (local.get $a7))) (i32.const 4))))
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br $stepsPlain)))))
      (i32.store offset=0 (local.get $o) (i32.and (i32.load offset=12 (local.get $a0)) (i32.const 0x7fffffff)))
      (i32.store offset=4 (local.get $o) (i32.and (i32.load offset=12 (local.get $a1)) (i32.const 0x7fffffff)))
      (i32.store offset=8 (local.get $o) (i32.and (i32.load offset=12 (local.get $a2)) (i32.const 0x7fffffff)))
      (i32.store offset=12 (local.get $o) (i32.and (i32.load offset=12 (local.get $a3)) (i32.const 0x7fffffff)))
      (i32.store offset=16 (local.get $o) (i32.and (i32.load offset=12 (local.get $a4)) (i32.const 0x7fffffff)))
      (i32.store offset=20 (local.get $o) (i32.and (i32.load offset=12 (local.get $a5)) (i32.const 0x7fffffff)))
      (i32.store offset=24 (local.get $o) (i32.and (i32.load offset=12 (local.get $a6)) (i32.const 0x7fffffff)))
      (i32.store offset=28 (local.get $o) (i32.and (i32.load offset=12 (local.get $a7)) (i32.const 0x7fffffff)))
      (local.set $o (i32.add (local.get $o) (i32.const 32)))
      (local.set $x0 (i32.add (local.get $x7) (local.get $rowBytes)))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $groups)))
    ;; The last rows one at a time.
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $a0 (local.get $root))
      (local.set $s (i32.const 0))
      (block $walked1 (loop $steps1
        (br_if $walked1 (i32.ge_u (local.get $s) (local.get $depth)))
          (local.set $v (f32.load (i32.add (local.get $x0) (i32.load (local.get $a0)))))
          (local.set $a0 (i32.add (i32.load offset=8 (local.get $a0))
            (i32.shl (i32.xor (i32.const 1) (i32.or (f32.le (local.get $v) (f32.load offset=4 (local.get $a0)))
              (i32.and (f32.ne (local.get $v) (local.get $v)) (i32.shr_u (i32.load offset=12 (local.get $a0)) (i32.const 31))))) (i32.const 4))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $steps1)))
      (i32.store (local.get $o) (i32.and (i32.load offset=12 (local.get $a0)) (i32.const 0x7fffffff)))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (local.set $x0 (i32.add (local.get $x0) (local.get $rowBytes)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows))))
)
