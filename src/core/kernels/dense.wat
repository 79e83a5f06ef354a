;; The fused dense-network trainer (compiled by scripts/build-kernels.mjs into dense.wasm.ts).
;; `step` does one whole optimiser step in one call: the forward pass (bias and activation folded
;; into the product's store), dropout, the loss's gradient, the backward pass and the Adam or SGD
;; update in place. TF.js dispatches ~200 kernels per batch for the same work; here the buffers are
;; laid out once by wasm.ts and every loop runs over them with 4-lane SIMD.
;;
;; Every layer's units are padded to a multiple of 4 (P) so the SIMD loops need no tails: padded
;; kernel columns, biases, activations and deltas are zero and stay zero (their gradients are zero,
;; so Adam leaves them). Loops over a layer's inputs run to its real input count only.
;;
;; The config block at $cfg (byte offsets; wasm.ts writes it, `CFG` there names them):
;;   0 L   4 rows   8 loss (0 binary, 1 softmax, 2 mse, 3 huber)   12 outputs   16 Y (rows × outputs)
;;   20 params   24 grads   28 m   32 v   36 count (floats, the flat parameter region)
;;   40 optimizer (0 adam, 1 sgd)   44 lr   48 beta1   52 beta2   56 1−beta1   60 1−beta2   64 epsilon
;;   68 1−beta1^t   72 1−beta2^t   76 l2/rows   80 dropout rate   84 1/(1−rate)   88 seed
;;   92 dropout counter (in/out)   96 Σ kernel² (f64, out)   104 layer descriptors   108 training
;;   112 −lr   116 targets the batch's mean is over (−1: count them in these rows)
;;   120 rows of the batch before these   124 rows in the whole batch
;; The last three let two threads each take a part of one batch (dense/team.ts): each side runs
;; `gradients` over its rows with the whole batch's target count and dropout draws, into its own
;; gradient region, and the caller's `finish` adds the helper's gradients to its own and updates.
;; One thread alone sets them to −1, 0 and its rows.
;; A layer descriptor (64 bytes): 0 inputs   4 units   8 P   12 input activations   16 input stride
;;   20 kernel (inputs × P)   24 bias   28 kernel gradient   32 bias gradient   36 H (rows × P, after
;;   the activation)   40 A (after dropout; = H without it)   44 dropout mask (0: none)
;;   48 delta (rows × P: d loss / d pre-activation, then d loss / d A of the layer below)   52 activation
;;   (0 linear, 1 relu, 2 tanh, 3 sigmoid, 4 elu)   56 the kernel transposed (units × the padded width below)
(module
  (import "env" "memory" {{MEMORY}})

  ;; e^x in float64 to ~1 ulp (x = n·ln2 + r, |r| ≤ ln2/2, Taylor to r^12), so its float32 rounding
  ;; is Math.exp's: the activations and the loss gradient match the TS reference.
  (func $exp (param $x f64) (result f64)
    (local $n f64) (local $r f64)
    (local.set $x (f64.min (f64.max (local.get $x) (f64.const -708)) (f64.const 708)))
    (local.set $n (f64.nearest (f64.mul (local.get $x) (f64.const 1.4426950408889634))))
    (local.set $r (f64.sub (f64.sub (local.get $x) (f64.mul (local.get $n) (f64.const 6.93147180369123816490e-01)))
      (f64.mul (local.get $n) (f64.const 1.90821492927058770002e-10))))
    (f64.mul
      (f64.add (f64.const 1) (f64.mul (local.get $r)
      (f64.add (f64.const 1) (f64.mul (local.get $r)
      (f64.add (f64.const 0.5) (f64.mul (local.get $r)
      (f64.add (f64.const 1.6666666666666666e-1) (f64.mul (local.get $r)
      (f64.add (f64.const 4.1666666666666664e-2) (f64.mul (local.get $r)
      (f64.add (f64.const 8.3333333333333332e-3) (f64.mul (local.get $r)
      (f64.add (f64.const 1.3888888888888889e-3) (f64.mul (local.get $r)
      (f64.add (f64.const 1.9841269841269841e-4) (f64.mul (local.get $r)
      (f64.add (f64.const 2.4801587301587302e-5) (f64.mul (local.get $r)
      (f64.add (f64.const 2.7557319223985893e-6) (f64.mul (local.get $r)
      (f64.add (f64.const 2.7557319223985888e-7) (f64.mul (local.get $r)
      (f64.add (f64.const 2.5052108385441720e-8) (f64.mul (local.get $r) (f64.const 2.0876756987868100e-9)))))))))))))))))))))))))
      (f64.reinterpret_i64 (i64.shl (i64.add (i64.trunc_f64_s (local.get $n)) (i64.const 1023)) (i64.const 52)))))

  ;; A non-linear activation of one value (tanh, sigmoid, elu), as the reference computes it.
  (func $activate (param $x f32) (param $act i32) (result f32)
    (local $t f64) (local $y f64)
    (local.set $y (f64.promote_f32 (local.get $x)))
    (if (i32.eq (local.get $act) (i32.const 2)) (then
      (if (f64.lt (f64.abs (local.get $y)) (f64.const 1e-4)) (then
        (return (f32.demote_f64 (f64.sub (local.get $y) (f64.div (f64.mul (local.get $y) (f64.mul (local.get $y) (local.get $y))) (f64.const 3)))))))
      (local.set $t (call $exp (f64.mul (f64.const 2) (f64.min (f64.max (local.get $y) (f64.const -20)) (f64.const 20)))))
      (return (f32.demote_f64 (f64.div (f64.sub (local.get $t) (f64.const 1)) (f64.add (local.get $t) (f64.const 1)))))))
    (if (i32.eq (local.get $act) (i32.const 3)) (then
      (return (f32.demote_f64 (f64.div (f64.const 1) (f64.add (f64.const 1) (call $exp (f64.neg (local.get $y)))))))))
    (if (i32.eq (local.get $act) (i32.const 4)) (then
      (if (f32.gt (local.get $x) (f32.const 0)) (then (return (local.get $x))))
      (return (f32.demote_f64 (f64.sub (call $exp (local.get $y)) (f64.const 1))))))
    (local.get $x))

  ;; The dropout draw number $counter (init.ts's dropoutUniform: splitmix32's finaliser).
  (func $uniform (param $seed i32) (param $counter i32) (result f32)
    (local $z i32)
    (local.set $z (i32.add (local.get $seed) (i32.mul (local.get $counter) (i32.const 0x9e3779b9))))
    (local.set $z (i32.mul (i32.xor (local.get $z) (i32.shr_u (local.get $z) (i32.const 16))) (i32.const 0x85ebca6b)))
    (local.set $z (i32.mul (i32.xor (local.get $z) (i32.shr_u (local.get $z) (i32.const 13))) (i32.const 0xc2b2ae35)))
    (local.set $z (i32.xor (local.get $z) (i32.shr_u (local.get $z) (i32.const 16))))
    (f32.mul (f32.convert_i32_u (i32.shr_u (local.get $z) (i32.const 8))) (f32.const 5.9604644775390625e-8)))

  ;; out[r][0..P) = in[r][0..nIn) · W (nIn × P, row-major) (+ bias, then ReLU when $act is 1) for
  ;; $rows rows; $inStride in bytes. Two rows × 16 units a block: each W load serves both rows.
  (func $product (param $in i32) (param $inStride i32) (param $nIn i32) (param $kernel i32) (param $P i32) (param $bias i32) (param $act i32) (param $H i32) (param $rows i32)
    (local $r i32) (local $j i32) (local $k i32) (local $kp i32) (local $x0 i32) (local $x1 i32) (local $h0 i32) (local $h1 i32) (local $two i32)
    (local $a v128) (local $c v128) (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128)
    (local $p0 v128) (local $p1 v128) (local $p2 v128) (local $p3 v128)
    (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local.set $r (i32.const 0))
    (block $rowsDone (loop $rowPairs
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
      ;; The second row of the pair is the first again when $rows is odd (computed twice, stored once).
      (local.set $two (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $rows)))
      (local.set $x0 (i32.add (local.get $in) (i32.mul (local.get $r) (local.get $inStride))))
      (local.set $x1 (select (i32.add (local.get $x0) (local.get $inStride)) (local.get $x0) (local.get $two)))
      (local.set $h0 (i32.add (local.get $H) (i32.shl (i32.mul (local.get $r) (local.get $P)) (i32.const 2))))
      (local.set $h1 (select (i32.add (local.get $h0) (i32.shl (local.get $P) (i32.const 2))) (local.get $h0) (local.get $two)))
      (local.set $j (i32.const 0))
      (block $wideDone (loop $wide
        (br_if $wideDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $P)))
        (local.set $p0 (v128.const i32x4 0 0 0 0)) (local.set $p1 (v128.const i32x4 0 0 0 0))
        (local.set $p2 (v128.const i32x4 0 0 0 0)) (local.set $p3 (v128.const i32x4 0 0 0 0))
        (local.set $q0 (v128.const i32x4 0 0 0 0)) (local.set $q1 (v128.const i32x4 0 0 0 0))
        (local.set $q2 (v128.const i32x4 0 0 0 0)) (local.set $q3 (v128.const i32x4 0 0 0 0))
        (local.set $kp (i32.add (local.get $kernel) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $k (i32.const 0))
        (block $kDone (loop $ks
          (br_if $kDone (i32.ge_u (local.get $k) (local.get $nIn)))
          (local.set $w0 (v128.load offset=0 (local.get $kp)))
          (local.set $w1 (v128.load offset=16 (local.get $kp)))
          (local.set $w2 (v128.load offset=32 (local.get $kp)))
          (local.set $w3 (v128.load offset=48 (local.get $kp)))
          (local.set $a (v128.load32_splat (i32.add (local.get $x0) (i32.shl (local.get $k) (i32.const 2)))))
          (local.set $p0 (f32x4.add (local.get $p0) (f32x4.mul (local.get $a) (local.get $w0))))
          (local.set $p1 (f32x4.add (local.get $p1) (f32x4.mul (local.get $a) (local.get $w1))))
          (local.set $p2 (f32x4.add (local.get $p2) (f32x4.mul (local.get $a) (local.get $w2))))
          (local.set $p3 (f32x4.add (local.get $p3) (f32x4.mul (local.get $a) (local.get $w3))))
          (local.set $a (v128.load32_splat (i32.add (local.get $x1) (i32.shl (local.get $k) (i32.const 2)))))
          (local.set $q0 (f32x4.add (local.get $q0) (f32x4.mul (local.get $a) (local.get $w0))))
          (local.set $q1 (f32x4.add (local.get $q1) (f32x4.mul (local.get $a) (local.get $w1))))
          (local.set $q2 (f32x4.add (local.get $q2) (f32x4.mul (local.get $a) (local.get $w2))))
          (local.set $q3 (f32x4.add (local.get $q3) (f32x4.mul (local.get $a) (local.get $w3))))
          (local.set $kp (i32.add (local.get $kp) (i32.shl (local.get $P) (i32.const 2))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $ks)))
        ;; Bias, then ReLU folded into the store (other activations: a pass below).
        (if (local.get $bias) (then
        (local.set $kp (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $w0 (v128.load offset=0 (local.get $kp)))
        (local.set $w1 (v128.load offset=16 (local.get $kp)))
        (local.set $w2 (v128.load offset=32 (local.get $kp)))
        (local.set $w3 (v128.load offset=48 (local.get $kp)))
        (local.set $p0 (f32x4.add (local.get $p0) (local.get $w0))) (local.set $p1 (f32x4.add (local.get $p1) (local.get $w1)))
        (local.set $p2 (f32x4.add (local.get $p2) (local.get $w2))) (local.set $p3 (f32x4.add (local.get $p3) (local.get $w3)))
        (local.set $q0 (f32x4.add (local.get $q0) (local.get $w0))) (local.set $q1 (f32x4.add (local.get $q1) (local.get $w1)))
        (local.set $q2 (f32x4.add (local.get $q2) (local.get $w2))) (local.set $q3 (f32x4.add (local.get $q3) (local.get $w3)))))
        (if (i32.eq (local.get $act) (i32.const 1)) (then
          (local.set $c (v128.const i32x4 0 0 0 0))
          (local.set $p0 (f32x4.pmax (local.get $c) (local.get $p0))) (local.set $p1 (f32x4.pmax (local.get $c) (local.get $p1)))
          (local.set $p2 (f32x4.pmax (local.get $c) (local.get $p2))) (local.set $p3 (f32x4.pmax (local.get $c) (local.get $p3)))
          (local.set $q0 (f32x4.pmax (local.get $c) (local.get $q0))) (local.set $q1 (f32x4.pmax (local.get $c) (local.get $q1)))
          (local.set $q2 (f32x4.pmax (local.get $c) (local.get $q2))) (local.set $q3 (f32x4.pmax (local.get $c) (local.get $q3)))))
        (local.set $kp (i32.shl (local.get $j) (i32.const 2)))
        (v128.store offset=0 (i32.add (local.get $h1) (local.get $kp)) (local.get $q0))
        (v128.store offset=16 (i32.add (local.get $h1) (local.get $kp)) (local.get $q1))
        (v128.store offset=32 (i32.add (local.get $h1) (local.get $kp)) (local.get $q2))
        (v128.store offset=48 (i32.add (local.get $h1) (local.get $kp)) (local.get $q3))
        (v128.store offset=0 (i32.add (local.get $h0) (local.get $kp)) (local.get $p0))
        (v128.store offset=16 (i32.add (local.get $h0) (local.get $kp)) (local.get $p1))
        (v128.store offset=32 (i32.add (local.get $h0) (local.get $kp)) (local.get $p2))
        (v128.store offset=48 (i32.add (local.get $h0) (local.get $kp)) (local.get $p3))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $wide)))
      (block $narrowDone (loop $narrow
        (br_if $narrowDone (i32.ge_u (local.get $j) (local.get $P)))
        (local.set $p0 (v128.const i32x4 0 0 0 0))
        (local.set $q0 (v128.const i32x4 0 0 0 0))
        (local.set $kp (i32.add (local.get $kernel) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $k (i32.const 0))
        (block $kDone1 (loop $ks1
          (br_if $kDone1 (i32.ge_u (local.get $k) (local.get $nIn)))
          (local.set $w0 (v128.load (local.get $kp)))
          (local.set $p0 (f32x4.add (local.get $p0) (f32x4.mul (v128.load32_splat (i32.add (local.get $x0) (i32.shl (local.get $k) (i32.const 2)))) (local.get $w0))))
          (local.set $q0 (f32x4.add (local.get $q0) (f32x4.mul (v128.load32_splat (i32.add (local.get $x1) (i32.shl (local.get $k) (i32.const 2)))) (local.get $w0))))
          (local.set $kp (i32.add (local.get $kp) (i32.shl (local.get $P) (i32.const 2))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $ks1)))
        (local.set $kp (i32.shl (local.get $j) (i32.const 2)))
        (if (local.get $bias) (then
        (local.set $w0 (v128.load (i32.add (local.get $bias) (local.get $kp))))
        (local.set $p0 (f32x4.add (local.get $p0) (local.get $w0)))
        (local.set $q0 (f32x4.add (local.get $q0) (local.get $w0)))))
        (if (i32.eq (local.get $act) (i32.const 1)) (then
          (local.set $p0 (f32x4.pmax (v128.const i32x4 0 0 0 0) (local.get $p0)))
          (local.set $q0 (f32x4.pmax (v128.const i32x4 0 0 0 0) (local.get $q0)))))
        (v128.store (i32.add (local.get $h1) (local.get $kp)) (local.get $q0))
        (v128.store (i32.add (local.get $h0) (local.get $kp)) (local.get $p0))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $narrow)))
      (local.set $r (i32.add (local.get $r) (i32.const 2)))
      (br $rowPairs)))
  )

  ;; H = act(input · kernel + bias) for $rows rows; then dropout into A when training (a copy
  ;; without it).
  (func $forwardLayer (param $cfg i32) (param $desc i32) (param $rows i32) (param $training i32)
    (local $nIn i32) (local $units i32) (local $P i32) (local $in i32) (local $inStride i32) (local $kernel i32)
    (local $bias i32) (local $H i32) (local $A i32) (local $mask i32) (local $act i32)
    (local $r i32) (local $h0 i32) (local $end i32) (local $i i32) (local $counter i32) (local $seed i32) (local $m f32)
    (local $rate f32) (local $scale f32)
    (local.set $nIn (i32.load offset=0 (local.get $desc)))
    (local.set $units (i32.load offset=4 (local.get $desc)))
    (local.set $P (i32.load offset=8 (local.get $desc)))
    (local.set $in (i32.load offset=12 (local.get $desc)))
    (local.set $inStride (i32.shl (i32.load offset=16 (local.get $desc)) (i32.const 2)))
    (local.set $kernel (i32.load offset=20 (local.get $desc)))
    (local.set $bias (i32.load offset=24 (local.get $desc)))
    (local.set $H (i32.load offset=36 (local.get $desc)))
    (local.set $A (i32.load offset=40 (local.get $desc)))
    (local.set $mask (i32.load offset=44 (local.get $desc)))
    (local.set $act (i32.load offset=52 (local.get $desc)))
    (call $product (local.get $in) (local.get $inStride) (local.get $nIn) (local.get $kernel) (local.get $P) (local.get $bias) (local.get $act) (local.get $H) (local.get $rows))
    ;; tanh, sigmoid, elu: one value at a time over the real units (padding stays 0).
    (if (i32.ge_u (local.get $act) (i32.const 2)) (then
      (local.set $r (i32.const 0))
      (block $aDone (loop $aRows
        (br_if $aDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $h0 (i32.add (local.get $H) (i32.shl (i32.mul (local.get $r) (local.get $P)) (i32.const 2))))
        (local.set $end (i32.add (local.get $h0) (i32.shl (local.get $units) (i32.const 2))))
        (block $uDone (loop $us
          (br_if $uDone (i32.ge_u (local.get $h0) (local.get $end)))
          (f32.store (local.get $h0) (call $activate (f32.load (local.get $h0)) (local.get $act)))
          (local.set $h0 (i32.add (local.get $h0) (i32.const 4)))
          (br $us)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $aRows)))))
    (if (i32.eq (local.get $A) (local.get $H)) (then (return)))
    (if (i32.eqz (local.get $training)) (then
      (memory.copy (local.get $A) (local.get $H) (i32.shl (i32.mul (local.get $rows) (local.get $P)) (i32.const 2)))
      (return)))
    ;; Inverted dropout: the counter runs layer by layer, row by row, unit by unit, as the reference's.
    (local.set $seed (i32.load offset=88 (local.get $cfg)))
    (local.set $counter (i32.load offset=92 (local.get $cfg)))
    (local.set $rate (f32.load offset=80 (local.get $cfg)))
    (local.set $scale (f32.load offset=84 (local.get $cfg)))
    ;; Skip the draws of the batch's rows before these (another thread's), and after them those of
    ;; the rows after, so both threads' masks are the ones one thread would draw.
    (local.set $counter (i32.add (local.get $counter) (i32.mul (i32.load offset=120 (local.get $cfg)) (local.get $units))))
    (local.set $r (i32.const 0))
    (block $dDone (loop $dRows
      (br_if $dDone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $i (i32.shl (i32.mul (local.get $r) (local.get $P)) (i32.const 2)))
      (local.set $end (i32.add (local.get $i) (i32.shl (local.get $units) (i32.const 2))))
      (block $duDone (loop $dus
        (br_if $duDone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $m (select (local.get $scale) (f32.const 0)
          (f32.ge (call $uniform (local.get $seed) (local.get $counter)) (local.get $rate))))
        (local.set $counter (i32.add (local.get $counter) (i32.const 1)))
        (f32.store (i32.add (local.get $mask) (local.get $i)) (local.get $m))
        (f32.store (i32.add (local.get $A) (local.get $i)) (f32.mul (f32.load (i32.add (local.get $H) (local.get $i))) (local.get $m)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $dus)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $dRows)))
    (local.set $counter (i32.add (local.get $counter) (i32.mul (local.get $units)
      (i32.sub (i32.load offset=124 (local.get $cfg)) (i32.add (i32.load offset=120 (local.get $cfg)) (local.get $rows))))))
    (i32.store offset=92 (local.get $cfg) (local.get $counter)))

  ;; The forward pass of every layer over the first $rows rows of the input buffer.
  (func $forwardAll (param $cfg i32) (param $rows i32) (param $training i32)
    (local $l i32) (local $L i32) (local $desc i32)
    (local.set $L (i32.load offset=0 (local.get $cfg)))
    (local.set $desc (i32.load offset=104 (local.get $cfg)))
    (block $done (loop $layers
      (br_if $done (i32.ge_u (local.get $l) (local.get $L)))
      (call $forwardLayer (local.get $cfg) (local.get $desc) (local.get $rows) (local.get $training))
      (local.set $desc (i32.add (local.get $desc) (i32.const 64)))
      (local.set $l (i32.add (local.get $l) (i32.const 1)))
      (br $layers))))

  ;; Logits of the input buffer's first $rows rows (no dropout) into the last layer's H.
  (func (export "forward") (param $cfg i32) (param $rows i32)
    (call $forwardAll (local.get $cfg) (local.get $rows) (i32.const 0)))

  ;; d(mean loss)/d(logits) into the last layer's delta (loss.ts's lossGradient).
  (func $lossGradient (param $cfg i32) (param $desc i32)
    (local $rows i32) (local $outputs i32) (local $P i32) (local $Y i32) (local $Z i32) (local $D i32) (local $loss i32)
    (local $r i32) (local $j i32) (local $count i32) (local $present i32) (local $scale f64) (local $t f32) (local $v f32)
    (local $max f32) (local $s f64) (local $e f64) (local $g f64) (local $zp i32) (local $yp i32)
    (local.set $rows (i32.load offset=4 (local.get $cfg)))
    (local.set $loss (i32.load offset=8 (local.get $cfg)))
    (local.set $outputs (i32.load offset=12 (local.get $cfg)))
    (local.set $Y (i32.load offset=16 (local.get $cfg)))
    (local.set $P (i32.load offset=8 (local.get $desc)))
    (local.set $Z (i32.load offset=36 (local.get $desc)))
    (local.set $D (i32.load offset=48 (local.get $desc)))
    ;; The count of targets present (rows whose targets are all present, for softmax).
    (local.set $r (i32.const 0))
    (block $cDone (loop $cRows
      (br_if $cDone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $present (i32.const 1))
      (local.set $j (i32.const 0))
      (block $cjDone (loop $cjs
        (br_if $cjDone (i32.ge_u (local.get $j) (local.get $outputs)))
        (local.set $t (f32.load (i32.add (local.get $Y) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $outputs)) (local.get $j)) (i32.const 2)))))
        (if (f32.ne (local.get $t) (local.get $t))
          (then (local.set $present (i32.const 0)))
          (else (if (i32.ne (local.get $loss) (i32.const 1)) (then (local.set $count (i32.add (local.get $count) (i32.const 1)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $cjs)))
      (if (i32.and (i32.eq (local.get $loss) (i32.const 1)) (local.get $present)) (then (local.set $count (i32.add (local.get $count) (i32.const 1)))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $cRows)))
    ;; Another thread's share of the batch: the mean is over the whole batch's targets.
    (if (i32.ge_s (i32.load offset=116 (local.get $cfg)) (i32.const 0)) (then (local.set $count (i32.load offset=116 (local.get $cfg)))))
    (local.set $scale (if (result f64) (local.get $count) (then (f64.div (f64.const 1) (f64.convert_i32_u (local.get $count)))) (else (f64.const 0))))
    (local.set $r (i32.const 0))
    (block $done (loop $rowsLoop
      (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $zp (i32.add (local.get $Z) (i32.shl (i32.mul (local.get $r) (local.get $P)) (i32.const 2))))
      (local.set $yp (i32.add (local.get $Y) (i32.shl (i32.mul (local.get $r) (local.get $outputs)) (i32.const 2))))
      (if (i32.eq (local.get $loss) (i32.const 1))
        (then
          (local.set $max (f32.const -inf))
          (local.set $present (i32.const 1))
          (local.set $j (i32.const 0))
          (block $mDone (loop $ms
            (br_if $mDone (i32.ge_u (local.get $j) (local.get $outputs)))
            (local.set $max (f32.max (local.get $max) (f32.load (i32.add (local.get $zp) (i32.shl (local.get $j) (i32.const 2))))))
            (local.set $t (f32.load (i32.add (local.get $yp) (i32.shl (local.get $j) (i32.const 2)))))
            (if (f32.ne (local.get $t) (local.get $t)) (then (local.set $present (i32.const 0))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $ms)))
          (local.set $s (f64.const 0))
          (local.set $j (i32.const 0))
          (block $sDone (loop $ss
            (br_if $sDone (i32.ge_u (local.get $j) (local.get $outputs)))
            (local.set $s (f64.add (local.get $s) (f64.promote_f32 (f32.demote_f64 (call $exp
              (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $zp) (i32.shl (local.get $j) (i32.const 2))))) (f64.promote_f32 (local.get $max))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $ss)))
          (local.set $j (i32.const 0))
          (block $gDone (loop $gs
            (br_if $gDone (i32.ge_u (local.get $j) (local.get $outputs)))
            (local.set $e (f64.promote_f32 (f32.demote_f64 (call $exp
              (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $zp) (i32.shl (local.get $j) (i32.const 2))))) (f64.promote_f32 (local.get $max)))))))
            (f32.store (i32.add (i32.add (local.get $D) (i32.shl (i32.mul (local.get $r) (local.get $P)) (i32.const 2))) (i32.shl (local.get $j) (i32.const 2)))
              (if (result f32) (local.get $present)
                (then (f32.demote_f64 (f64.mul (f64.sub (f64.div (local.get $e) (local.get $s))
                  (f64.promote_f32 (f32.load (i32.add (local.get $yp) (i32.shl (local.get $j) (i32.const 2)))))) (local.get $scale))))
                (else (f32.const 0))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $gs))))
        (else
          (local.set $j (i32.const 0))
          (block $jDone (loop $js
            (br_if $jDone (i32.ge_u (local.get $j) (local.get $outputs)))
            (local.set $t (f32.load (i32.add (local.get $yp) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $v (f32.load (i32.add (local.get $zp) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $g (f64.const 0))
            (if (f32.eq (local.get $t) (local.get $t)) (then
              (if (i32.eqz (local.get $loss))
                (then (local.set $g (f64.sub
                  (f64.promote_f32 (f32.demote_f64 (f64.div (f64.const 1) (f64.add (f64.const 1) (call $exp (f64.neg (f64.promote_f32 (local.get $v))))))))
                  (f64.promote_f32 (local.get $t)))))
                (else (if (i32.eq (local.get $loss) (i32.const 2))
                  (then (local.set $g (f64.mul (f64.const 2) (f64.sub (f64.promote_f32 (local.get $v)) (f64.promote_f32 (local.get $t))))))
                  (else (local.set $g (f64.min (f64.const 1) (f64.max (f64.const -1) (f64.sub (f64.promote_f32 (local.get $v)) (f64.promote_f32 (local.get $t))))))))))))
            (f32.store (i32.add (i32.add (local.get $D) (i32.shl (i32.mul (local.get $r) (local.get $P)) (i32.const 2))) (i32.shl (local.get $j) (i32.const 2)))
              (f32.demote_f64 (f64.mul (local.get $g) (local.get $scale))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $js)))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rowsLoop))))

  ;; The kernel's and bias's gradients of one layer: input^T · delta (+ l2/rows · kernel), Σ delta.
  ;; Two inputs × 16 units a block: each delta load serves both inputs. Rows go in tiles of 32 (the
  ;; sums carried in the gradient between tiles) so a tile's deltas stay in the L1 cache at batch 256.
  (func $layerGradients (param $cfg i32) (param $desc i32)
    (local $rows i32) (local $nIn i32) (local $P i32) (local $in i32) (local $inStride i32) (local $kernel i32) (local $gk i32)
    (local $gb i32) (local $D i32) (local $k i32) (local $j i32) (local $r i32) (local $dp i32) (local $xp i32) (local $two i32)
    (local $off0 i32) (local $off1 i32) (local $rowBytes i32) (local $t i32) (local $tEnd i32) (local $o0 i32) (local $o1 i32)
    (local $a v128) (local $b v128) (local $l2 v128) (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local $p0 v128) (local $p1 v128) (local $p2 v128) (local $p3 v128)
    (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local.set $rows (i32.load offset=4 (local.get $cfg)))
    (local.set $l2 (v128.load32_splat offset=76 (local.get $cfg)))
    (local.set $nIn (i32.load offset=0 (local.get $desc)))
    (local.set $P (i32.load offset=8 (local.get $desc)))
    (local.set $in (i32.load offset=12 (local.get $desc)))
    (local.set $inStride (i32.shl (i32.load offset=16 (local.get $desc)) (i32.const 2)))
    (local.set $kernel (i32.load offset=20 (local.get $desc)))
    (local.set $gk (i32.load offset=28 (local.get $desc)))
    (local.set $gb (i32.load offset=32 (local.get $desc)))
    (local.set $D (i32.load offset=48 (local.get $desc)))
    (local.set $rowBytes (i32.shl (local.get $P) (i32.const 2)))
    (local.set $t (i32.const 0))
    (block $tilesDone (loop $tiles
      (br_if $tilesDone (i32.and (i32.ge_u (local.get $t) (local.get $rows)) (i32.ne (local.get $t) (i32.const 0))))
      (local.set $tEnd (select (i32.add (local.get $t) (i32.const 32)) (local.get $rows) (i32.lt_u (i32.add (local.get $t) (i32.const 32)) (local.get $rows))))
    (local.set $k (i32.const 0))
    (block $kDone (loop $ks
      (br_if $kDone (i32.ge_u (local.get $k) (local.get $nIn)))
      (local.set $two (i32.lt_u (i32.add (local.get $k) (i32.const 1)) (local.get $nIn)))
      (local.set $off0 (i32.mul (local.get $k) (local.get $rowBytes)))
      (local.set $off1 (select (i32.add (local.get $off0) (local.get $rowBytes)) (local.get $off0) (local.get $two)))
      (local.set $j (i32.const 0))
      (block $wideDone (loop $wide
        (br_if $wideDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $P)))
        (local.set $o0 (i32.add (local.get $off0) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $o1 (i32.add (local.get $off1) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $p0 (select (v128.load offset=0 (i32.add (local.get $gk) (local.get $o0))) (f32x4.mul (local.get $l2) (v128.load offset=0 (i32.add (local.get $kernel) (local.get $o0)))) (local.get $t)))
        (local.set $p1 (select (v128.load offset=16 (i32.add (local.get $gk) (local.get $o0))) (f32x4.mul (local.get $l2) (v128.load offset=16 (i32.add (local.get $kernel) (local.get $o0)))) (local.get $t)))
        (local.set $p2 (select (v128.load offset=32 (i32.add (local.get $gk) (local.get $o0))) (f32x4.mul (local.get $l2) (v128.load offset=32 (i32.add (local.get $kernel) (local.get $o0)))) (local.get $t)))
        (local.set $p3 (select (v128.load offset=48 (i32.add (local.get $gk) (local.get $o0))) (f32x4.mul (local.get $l2) (v128.load offset=48 (i32.add (local.get $kernel) (local.get $o0)))) (local.get $t)))
        (local.set $q0 (select (v128.load offset=0 (i32.add (local.get $gk) (local.get $o1))) (f32x4.mul (local.get $l2) (v128.load offset=0 (i32.add (local.get $kernel) (local.get $o1)))) (local.get $t)))
        (local.set $q1 (select (v128.load offset=16 (i32.add (local.get $gk) (local.get $o1))) (f32x4.mul (local.get $l2) (v128.load offset=16 (i32.add (local.get $kernel) (local.get $o1)))) (local.get $t)))
        (local.set $q2 (select (v128.load offset=32 (i32.add (local.get $gk) (local.get $o1))) (f32x4.mul (local.get $l2) (v128.load offset=32 (i32.add (local.get $kernel) (local.get $o1)))) (local.get $t)))
        (local.set $q3 (select (v128.load offset=48 (i32.add (local.get $gk) (local.get $o1))) (f32x4.mul (local.get $l2) (v128.load offset=48 (i32.add (local.get $kernel) (local.get $o1)))) (local.get $t)))
        (local.set $dp (i32.add (local.get $D) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $P)) (local.get $j)) (i32.const 2))))
        (local.set $xp (i32.add (i32.add (local.get $in) (i32.mul (local.get $t) (local.get $inStride))) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $r (local.get $t))
        (block $rDone (loop $rs
          (br_if $rDone (i32.ge_u (local.get $r) (local.get $tEnd)))
          (local.set $d0 (v128.load offset=0 (local.get $dp)))
          (local.set $d1 (v128.load offset=16 (local.get $dp)))
          (local.set $d2 (v128.load offset=32 (local.get $dp)))
          (local.set $d3 (v128.load offset=48 (local.get $dp)))
          (local.set $a (v128.load32_splat (local.get $xp)))
          (local.set $b (v128.load32_splat offset=4 (local.get $xp)))
          (local.set $p0 (f32x4.add (local.get $p0) (f32x4.mul (local.get $a) (local.get $d0))))
          (local.set $p1 (f32x4.add (local.get $p1) (f32x4.mul (local.get $a) (local.get $d1))))
          (local.set $p2 (f32x4.add (local.get $p2) (f32x4.mul (local.get $a) (local.get $d2))))
          (local.set $p3 (f32x4.add (local.get $p3) (f32x4.mul (local.get $a) (local.get $d3))))
          (local.set $q0 (f32x4.add (local.get $q0) (f32x4.mul (local.get $b) (local.get $d0))))
          (local.set $q1 (f32x4.add (local.get $q1) (f32x4.mul (local.get $b) (local.get $d1))))
          (local.set $q2 (f32x4.add (local.get $q2) (f32x4.mul (local.get $b) (local.get $d2))))
          (local.set $q3 (f32x4.add (local.get $q3) (f32x4.mul (local.get $b) (local.get $d3))))
          (local.set $dp (i32.add (local.get $dp) (local.get $rowBytes)))
          (local.set $xp (i32.add (local.get $xp) (local.get $inStride)))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br $rs)))
        ;; The second input's sums are stored first: when it is the first again (odd count), the
        ;; first's own store wins.
        (v128.store offset=0 (i32.add (local.get $gk) (local.get $o1)) (local.get $q0))
        (v128.store offset=16 (i32.add (local.get $gk) (local.get $o1)) (local.get $q1))
        (v128.store offset=32 (i32.add (local.get $gk) (local.get $o1)) (local.get $q2))
        (v128.store offset=48 (i32.add (local.get $gk) (local.get $o1)) (local.get $q3))
        (v128.store offset=0 (i32.add (local.get $gk) (local.get $o0)) (local.get $p0))
        (v128.store offset=16 (i32.add (local.get $gk) (local.get $o0)) (local.get $p1))
        (v128.store offset=32 (i32.add (local.get $gk) (local.get $o0)) (local.get $p2))
        (v128.store offset=48 (i32.add (local.get $gk) (local.get $o0)) (local.get $p3))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $wide)))
      (block $narrowDone (loop $narrow
        (br_if $narrowDone (i32.ge_u (local.get $j) (local.get $P)))
        (local.set $o0 (i32.add (local.get $off0) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $o1 (i32.add (local.get $off1) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $p0 (select (v128.load offset=0 (i32.add (local.get $gk) (local.get $o0))) (f32x4.mul (local.get $l2) (v128.load offset=0 (i32.add (local.get $kernel) (local.get $o0)))) (local.get $t)))
        (local.set $q0 (select (v128.load offset=0 (i32.add (local.get $gk) (local.get $o1))) (f32x4.mul (local.get $l2) (v128.load offset=0 (i32.add (local.get $kernel) (local.get $o1)))) (local.get $t)))
        (local.set $dp (i32.add (local.get $D) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $P)) (local.get $j)) (i32.const 2))))
        (local.set $xp (i32.add (i32.add (local.get $in) (i32.mul (local.get $t) (local.get $inStride))) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $r (local.get $t))
        (block $rDone1 (loop $rs1
          (br_if $rDone1 (i32.ge_u (local.get $r) (local.get $tEnd)))
          (local.set $d0 (v128.load (local.get $dp)))
          (local.set $p0 (f32x4.add (local.get $p0) (f32x4.mul (v128.load32_splat (local.get $xp)) (local.get $d0))))
          (local.set $q0 (f32x4.add (local.get $q0) (f32x4.mul (v128.load32_splat offset=4 (local.get $xp)) (local.get $d0))))
          (local.set $dp (i32.add (local.get $dp) (local.get $rowBytes)))
          (local.set $xp (i32.add (local.get $xp) (local.get $inStride)))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br $rs1)))
        (v128.store (i32.add (local.get $gk) (local.get $o1)) (local.get $q0))
        (v128.store (i32.add (local.get $gk) (local.get $o0)) (local.get $p0))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $narrow)))
      (local.set $k (i32.add (local.get $k) (i32.const 2)))
      (br $ks)))
      (local.set $t (select (local.get $tEnd) (i32.add (local.get $rows) (i32.const 1)) (i32.gt_u (local.get $tEnd) (local.get $t))))
      (br $tiles)))
    ;; The bias gradient: Σ over rows of delta.
    (local.set $j (i32.const 0))
    (block $bDone (loop $bs
      (br_if $bDone (i32.ge_u (local.get $j) (local.get $P)))
      (local.set $p0 (v128.const i32x4 0 0 0 0))
      (local.set $dp (i32.add (local.get $D) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $r (i32.const 0))
      (block $brDone (loop $brs
        (br_if $brDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $p0 (f32x4.add (local.get $p0) (v128.load (local.get $dp))))
        (local.set $dp (i32.add (local.get $dp) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $brs)))
      (v128.store (i32.add (local.get $gb) (i32.shl (local.get $j) (i32.const 2))) (local.get $p0))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $bs))))

  ;; The sum of a vector's four lanes.
  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  ;; Back through one layer's product into the layer below: its delta = (delta · kernel^T) × dropout
  ;; mask × activation slope (from its output H, as TF.js's gradients). The kernel is transposed
  ;; first (units × the padded inputs, padding 0) so the product runs as the forward one does.
  (func $backLayer (param $cfg i32) (param $desc i32) (param $below i32)
    (local $rows i32) (local $nIn i32) (local $units i32) (local $P i32) (local $kernel i32) (local $D i32) (local $Pb i32) (local $Db i32)
    (local $Hb i32) (local $mask i32) (local $act i32) (local $r i32) (local $k i32) (local $j i32) (local $KT i32)
    (local $kp i32) (local $out i32) (local $end i32) (local $i i32)
    (local $g v128) (local $h v128) (local $one v128)
    (local.set $rows (i32.load offset=4 (local.get $cfg)))
    (local.set $nIn (i32.load offset=0 (local.get $desc)))
    (local.set $units (i32.load offset=4 (local.get $desc)))
    (local.set $P (i32.load offset=8 (local.get $desc)))
    (local.set $kernel (i32.load offset=20 (local.get $desc)))
    (local.set $D (i32.load offset=48 (local.get $desc)))
    (local.set $KT (i32.load offset=56 (local.get $desc)))
    (local.set $Pb (i32.load offset=8 (local.get $below)))
    (local.set $Hb (i32.load offset=36 (local.get $below)))
    (local.set $mask (select (i32.load offset=44 (local.get $below)) (i32.const 0) (i32.ne (i32.load offset=40 (local.get $below)) (i32.load offset=36 (local.get $below)))))
    (local.set $Db (i32.load offset=48 (local.get $below)))
    (local.set $act (i32.load offset=52 (local.get $below)))
    (local.set $one (v128.const f32x4 1 1 1 1))
    (local.set $k (i32.const 0))
    (block $tDone (loop $ts
      (br_if $tDone (i32.ge_u (local.get $k) (local.get $nIn)))
      (local.set $kp (i32.add (local.get $kernel) (i32.shl (i32.mul (local.get $k) (local.get $P)) (i32.const 2))))
      (local.set $out (i32.add (local.get $KT) (i32.shl (local.get $k) (i32.const 2))))
      (local.set $j (i32.const 0))
      (block $tjDone (loop $tjs
        (br_if $tjDone (i32.ge_u (local.get $j) (local.get $units)))
        (f32.store (local.get $out) (f32.load (i32.add (local.get $kp) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $out (i32.add (local.get $out) (i32.shl (local.get $Pb) (i32.const 2))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $tjs)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $ts)))
    (call $product (local.get $D) (i32.shl (local.get $P) (i32.const 2)) (local.get $units) (local.get $KT) (local.get $Pb) (i32.const 0) (i32.const 0) (local.get $Db) (local.get $rows))
    (local.set $r (i32.const 0))
    (block $rDone (loop $rs
      (br_if $rDone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $out (i32.add (local.get $Db) (i32.shl (i32.mul (local.get $r) (local.get $Pb)) (i32.const 2))))
      ;; Mask and slope, four units a vector (padding is 0 in the delta and stays 0).
      (local.set $i (i32.const 0))
      (local.set $end (i32.shl (local.get $Pb) (i32.const 2)))
      (local.set $kp (i32.add (local.get $Hb) (i32.shl (i32.mul (local.get $r) (local.get $Pb)) (i32.const 2))))
      (block $sDone (loop $ss
        (br_if $sDone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $g (v128.load (i32.add (local.get $out) (local.get $i))))
        (if (local.get $mask) (then
          (local.set $g (f32x4.mul (local.get $g) (v128.load (i32.add (i32.add (local.get $mask) (i32.shl (i32.mul (local.get $r) (local.get $Pb)) (i32.const 2))) (local.get $i)))))))
        (local.set $h (v128.load (i32.add (local.get $kp) (local.get $i))))
        (if (i32.eq (local.get $act) (i32.const 1)) (then
          (local.set $g (v128.and (local.get $g) (f32x4.gt (local.get $h) (v128.const i32x4 0 0 0 0))))))
        (if (i32.eq (local.get $act) (i32.const 2)) (then
          (local.set $g (f32x4.mul (local.get $g) (f32x4.sub (local.get $one) (f32x4.mul (local.get $h) (local.get $h)))))))
        (if (i32.eq (local.get $act) (i32.const 3)) (then
          (local.set $g (f32x4.mul (local.get $g) (f32x4.mul (local.get $h) (f32x4.sub (local.get $one) (local.get $h)))))))
        (if (i32.eq (local.get $act) (i32.const 4)) (then
          (local.set $g (f32x4.mul (local.get $g)
            (v128.bitselect (f32x4.add (local.get $h) (local.get $one)) (local.get $one) (f32x4.lt (local.get $h) (v128.const i32x4 0 0 0 0)))))))
        (v128.store (i32.add (local.get $out) (local.get $i)) (local.get $g))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $ss)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rs))))

  ;; Adam (tf.train.adam's update, bias-corrected) or SGD over the flat parameter region.
  (func $update (param $cfg i32)
    (local $p i32) (local $g i32) (local $m i32) (local $v i32) (local $end i32)
    (local $b1 v128) (local $b2 v128) (local $c1 v128) (local $c2 v128) (local $eps v128) (local $om1 v128) (local $om2 v128) (local $negLr v128)
    (local $gv v128) (local $mv v128) (local $vv v128)
    (local.set $p (i32.load offset=20 (local.get $cfg)))
    (local.set $g (i32.load offset=24 (local.get $cfg)))
    (local.set $m (i32.load offset=28 (local.get $cfg)))
    (local.set $v (i32.load offset=32 (local.get $cfg)))
    (local.set $end (i32.add (local.get $p) (i32.shl (i32.load offset=36 (local.get $cfg)) (i32.const 2))))
    (local.set $negLr (v128.load32_splat offset=112 (local.get $cfg)))
    (if (i32.load offset=40 (local.get $cfg)) (then
      (block $sgdDone (loop $sgd
        (br_if $sgdDone (i32.ge_u (local.get $p) (local.get $end)))
        (v128.store (local.get $p) (f32x4.add (v128.load (local.get $p)) (f32x4.mul (local.get $negLr) (v128.load (local.get $g)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (br $sgd)))
      (return)))
    (local.set $b1 (v128.load32_splat offset=48 (local.get $cfg)))
    (local.set $b2 (v128.load32_splat offset=52 (local.get $cfg)))
    (local.set $c1 (v128.load32_splat offset=56 (local.get $cfg)))
    (local.set $c2 (v128.load32_splat offset=60 (local.get $cfg)))
    (local.set $eps (v128.load32_splat offset=64 (local.get $cfg)))
    (local.set $om1 (v128.load32_splat offset=68 (local.get $cfg)))
    (local.set $om2 (v128.load32_splat offset=72 (local.get $cfg)))
    (block $done (loop $params
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $gv (v128.load (local.get $g)))
      (local.set $mv (f32x4.add (f32x4.mul (v128.load (local.get $m)) (local.get $b1)) (f32x4.mul (local.get $gv) (local.get $c1))))
      (local.set $vv (f32x4.add (f32x4.mul (v128.load (local.get $v)) (local.get $b2)) (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $c2))))
      (v128.store (local.get $m) (local.get $mv))
      (v128.store (local.get $v) (local.get $vv))
      (v128.store (local.get $p) (f32x4.add
        (f32x4.mul (f32x4.div (f32x4.div (local.get $mv) (local.get $om1))
          (f32x4.add (f32x4.sqrt (f32x4.div (local.get $vv) (local.get $om2))) (local.get $eps))) (local.get $negLr))
        (v128.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (local.set $m (i32.add (local.get $m) (i32.const 16)))
      (local.set $v (i32.add (local.get $v) (i32.const 16)))
      (br $params))))

  ;; Σ kernel² over every layer (for the L2 term of the loss), before the update.
  (func $kernelSquares (param $cfg i32) (result f64)
    (local $l i32) (local $L i32) (local $desc i32) (local $p i32) (local $end i32) (local $s v128) (local $w v128)
    (local.set $L (i32.load offset=0 (local.get $cfg)))
    (local.set $desc (i32.load offset=104 (local.get $cfg)))
    (block $done (loop $layers
      (br_if $done (i32.ge_u (local.get $l) (local.get $L)))
      (local.set $p (i32.load offset=20 (local.get $desc)))
      (local.set $end (i32.add (local.get $p) (i32.shl (i32.mul (i32.load offset=0 (local.get $desc)) (i32.load offset=8 (local.get $desc))) (i32.const 2))))
      (block $pDone (loop $ps
        (br_if $pDone (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $w (v128.load (local.get $p)))
        (local.set $w (f32x4.mul (local.get $w) (local.get $w)))
        (local.set $s (f64x2.add (local.get $s) (f64x2.promote_low_f32x4 (local.get $w))))
        (local.set $s (f64x2.add (local.get $s) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $w) (local.get $w)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $ps)))
      (local.set $desc (i32.add (local.get $desc) (i32.const 64)))
      (local.set $l (i32.add (local.get $l) (i32.const 1)))
      (br $layers)))
    (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))

  ;; The gradients of the mean loss over the rows in the config, into its gradient region: the
  ;; forward pass, the loss's gradient and the backward pass (and Σ kernel² when L2 is on).
  (func $gradients (export "gradients") (param $cfg i32)
    (local $L i32) (local $desc i32) (local $l i32)
    (local.set $L (i32.load offset=0 (local.get $cfg)))
    (if (f32.gt (f32.load offset=76 (local.get $cfg)) (f32.const 0)) (then
      (f64.store offset=96 (local.get $cfg) (call $kernelSquares (local.get $cfg)))))
    (call $forwardAll (local.get $cfg) (i32.load offset=4 (local.get $cfg)) (i32.load offset=108 (local.get $cfg)))
    (local.set $desc (i32.add (i32.load offset=104 (local.get $cfg)) (i32.shl (i32.sub (local.get $L) (i32.const 1)) (i32.const 6))))
    (call $lossGradient (local.get $cfg) (local.get $desc))
    (local.set $l (local.get $L))
    (block $done (loop $layers
      (call $layerGradients (local.get $cfg) (local.get $desc))
      (br_if $done (i32.le_u (local.get $l) (i32.const 1)))
      (call $backLayer (local.get $cfg) (local.get $desc) (i32.sub (local.get $desc) (i32.const 64)))
      (local.set $desc (i32.sub (local.get $desc) (i32.const 64)))
      (local.set $l (i32.sub (local.get $l) (i32.const 1)))
      (br $layers))))

  ;; Adds the gradient region at $other (the helper's share of the batch; 0: none) to the config's,
  ;; then updates the parameters.
  (func $finish (export "finish") (param $cfg i32) (param $other i32)
    (local $g i32) (local $end i32)
    (if (local.get $other) (then
      (local.set $g (i32.load offset=24 (local.get $cfg)))
      (local.set $end (i32.add (local.get $g) (i32.shl (i32.load offset=36 (local.get $cfg)) (i32.const 2))))
      (block $done (loop $adds
        (br_if $done (i32.ge_u (local.get $g) (local.get $end)))
        (v128.store (local.get $g) (f32x4.add (v128.load (local.get $g)) (v128.load (local.get $other))))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $other (i32.add (local.get $other) (i32.const 16)))
        (br $adds)))))
    (call $update (local.get $cfg)))

  ;; One optimiser step on the batch in the input and target buffers (rows in the config).
  (func (export "step") (param $cfg i32)
    (call $gradients (local.get $cfg))
    (call $update (local.get $cfg)))
)
