;; sparse.wat's kernels for columns whose values are coded (built by scripts/build-wasm.mjs): a column set
;; with at most 256 distinct values (one-hot columns, counts, ratings) keeps each nonzero's value as a u8
;; code into a table of the f64 values, the table's 256 f64s just before the codes (at z − 2048). The
;; same loops, sums and expressions, each value read from the table, so every result is the f64
;; kernels' bit for bit (sparse-columns.ts codes only values it can give back exactly), reading 5 bytes a
;; nonzero instead of 12.
;;
;; Pointers are byte offsets into the imported memory: cp the column pointers (i32, p + 1 of them), ix the
;; row indices (i32) and z the codes (u8) of the nonzeros, column j's at [cp[j], cp[j+1]); the n-vectors
;; (f64) are indexed by row. Sums over a column use sparse.wat's two accumulators (even and odd nonzeros).
(module
  (import "env" "memory" (memory 1))

  ;; Σ_t z[t]·v[ix[t]] over column j's nonzeros
  (func $dot (export "dot") (param $cp i32) (param $ix i32) (param $z i32) (param $j i32) (param $v i32) (result f64)
    (local $t i32) (local $k i32) (local $tab i32) (local $s0 f64) (local $s1 f64)
    (local.set $t (i32.load (i32.add (local.get $cp) (i32.shl (local.get $j) (i32.const 2)))))
    (local.set $k (i32.sub (i32.load offset=4 (i32.add (local.get $cp) (i32.shl (local.get $j) (i32.const 2)))) (local.get $t)))
    (local.set $ix (i32.add (local.get $ix) (i32.shl (local.get $t) (i32.const 2))))
    (local.set $tab (i32.sub (local.get $z) (i32.const 2048)))
    (local.set $z (i32.add (local.get $z) (local.get $t)))
    (local.set $t (i32.shr_u (local.get $k) (i32.const 1)))
    (if (local.get $t)
      (then
        (loop $pair
          (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (i32.add (local.get $tab) (i32.shl (i32.load8_u (local.get $z)) (i32.const 3))))
            (f64.load (i32.add (local.get $v) (i32.shl (i32.load (local.get $ix)) (i32.const 3)))))))
          (local.set $s1 (f64.add (local.get $s1) (f64.mul (f64.load (i32.add (local.get $tab) (i32.shl (i32.load8_u offset=1 (local.get $z)) (i32.const 3))))
            (f64.load (i32.add (local.get $v) (i32.shl (i32.load offset=4 (local.get $ix)) (i32.const 3)))))))
          (local.set $ix (i32.add (local.get $ix) (i32.const 8)))
          (local.set $z (i32.add (local.get $z) (i32.const 2)))
          (br_if $pair (local.tee $t (i32.sub (local.get $t) (i32.const 1)))))))
    (if (i32.and (local.get $k) (i32.const 1))
      (then
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (i32.add (local.get $tab) (i32.shl (i32.load8_u (local.get $z)) (i32.const 3))))
          (f64.load (i32.add (local.get $v) (i32.shl (i32.load (local.get $ix)) (i32.const 3)))))))))
    (f64.add (local.get $s0) (local.get $s1)))

  ;; y[ix[t]] += a·z[t] over column j's nonzeros
  (func $axpy (export "axpy") (param $cp i32) (param $ix i32) (param $z i32) (param $j i32) (param $a f64) (param $y i32)
    (local $t i32) (local $k i32) (local $tab i32) (local $p i32)
    (local.set $t (i32.load (i32.add (local.get $cp) (i32.shl (local.get $j) (i32.const 2)))))
    (local.set $k (i32.sub (i32.load offset=4 (i32.add (local.get $cp) (i32.shl (local.get $j) (i32.const 2)))) (local.get $t)))
    (local.set $ix (i32.add (local.get $ix) (i32.shl (local.get $t) (i32.const 2))))
    (local.set $tab (i32.sub (local.get $z) (i32.const 2048)))
    (local.set $z (i32.add (local.get $z) (local.get $t)))
    (if (local.get $k)
      (then
        (loop $next
          (local.set $p (i32.add (local.get $y) (i32.shl (i32.load (local.get $ix)) (i32.const 3))))
          (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (f64.mul (local.get $a) (f64.load (i32.add (local.get $tab) (i32.shl (i32.load8_u (local.get $z)) (i32.const 3)))))))
          (local.set $ix (i32.add (local.get $ix) (i32.const 4)))
          (local.set $z (i32.add (local.get $z) (i32.const 1)))
          (br_if $next (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))))

  ;; r[ix[t]] −= (a·v[ix[t]])·z[t] over column j's nonzeros
  (func $waxpy (export "waxpy") (param $cp i32) (param $ix i32) (param $z i32) (param $j i32) (param $a f64) (param $v i32) (param $r i32)
    (local $t i32) (local $k i32) (local $tab i32) (local $o i32) (local $p i32)
    (local.set $t (i32.load (i32.add (local.get $cp) (i32.shl (local.get $j) (i32.const 2)))))
    (local.set $k (i32.sub (i32.load offset=4 (i32.add (local.get $cp) (i32.shl (local.get $j) (i32.const 2)))) (local.get $t)))
    (local.set $ix (i32.add (local.get $ix) (i32.shl (local.get $t) (i32.const 2))))
    (local.set $tab (i32.sub (local.get $z) (i32.const 2048)))
    (local.set $z (i32.add (local.get $z) (local.get $t)))
    (if (local.get $k)
      (then
        (loop $next
          (local.set $o (i32.shl (i32.load (local.get $ix)) (i32.const 3)))
          (local.set $p (i32.add (local.get $r) (local.get $o)))
          (f64.store (local.get $p) (f64.sub (f64.load (local.get $p))
            (f64.mul (f64.mul (local.get $a) (f64.load (i32.add (local.get $v) (local.get $o)))) (f64.load (i32.add (local.get $tab) (i32.shl (i32.load8_u (local.get $z)) (i32.const 3)))))))
          (local.set $ix (i32.add (local.get $ix) (i32.const 4)))
          (local.set $z (i32.add (local.get $z) (i32.const 1)))
          (br_if $next (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))))

  ;; Σ_t z[t]·r[ix[t]] over column j's nonzeros, with f64 at $out = Σ_t (v[ix[t]]·z[t])·z[t] (the same two
  ;; accumulators for each sum)
  (func $dotwsq (export "dotwsq") (param $cp i32) (param $ix i32) (param $z i32) (param $j i32) (param $r i32) (param $v i32) (param $out i32) (result f64)
    (local $t i32) (local $k i32) (local $tab i32) (local $o i32) (local $zt f64) (local $s0 f64) (local $s1 f64) (local $q0 f64) (local $q1 f64)
    (local.set $t (i32.load (i32.add (local.get $cp) (i32.shl (local.get $j) (i32.const 2)))))
    (local.set $k (i32.sub (i32.load offset=4 (i32.add (local.get $cp) (i32.shl (local.get $j) (i32.const 2)))) (local.get $t)))
    (local.set $ix (i32.add (local.get $ix) (i32.shl (local.get $t) (i32.const 2))))
    (local.set $tab (i32.sub (local.get $z) (i32.const 2048)))
    (local.set $z (i32.add (local.get $z) (local.get $t)))
    (local.set $t (i32.shr_u (local.get $k) (i32.const 1)))
    (if (local.get $t)
      (then
        (loop $pair
          (local.set $o (i32.shl (i32.load (local.get $ix)) (i32.const 3)))
          (local.set $zt (f64.load (i32.add (local.get $tab) (i32.shl (i32.load8_u (local.get $z)) (i32.const 3)))))
          (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $zt) (f64.load (i32.add (local.get $r) (local.get $o))))))
          (local.set $q0 (f64.add (local.get $q0) (f64.mul (f64.mul (f64.load (i32.add (local.get $v) (local.get $o))) (local.get $zt)) (local.get $zt))))
          (local.set $o (i32.shl (i32.load offset=4 (local.get $ix)) (i32.const 3)))
          (local.set $zt (f64.load (i32.add (local.get $tab) (i32.shl (i32.load8_u offset=1 (local.get $z)) (i32.const 3)))))
          (local.set $s1 (f64.add (local.get $s1) (f64.mul (local.get $zt) (f64.load (i32.add (local.get $r) (local.get $o))))))
          (local.set $q1 (f64.add (local.get $q1) (f64.mul (f64.mul (f64.load (i32.add (local.get $v) (local.get $o))) (local.get $zt)) (local.get $zt))))
          (local.set $ix (i32.add (local.get $ix) (i32.const 8)))
          (local.set $z (i32.add (local.get $z) (i32.const 2)))
          (br_if $pair (local.tee $t (i32.sub (local.get $t) (i32.const 1)))))))
    (if (i32.and (local.get $k) (i32.const 1))
      (then
        (local.set $o (i32.shl (i32.load (local.get $ix)) (i32.const 3)))
        (local.set $zt (f64.load (i32.add (local.get $tab) (i32.shl (i32.load8_u (local.get $z)) (i32.const 3)))))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $zt) (f64.load (i32.add (local.get $r) (local.get $o))))))
        (local.set $q0 (f64.add (local.get $q0) (f64.mul (f64.mul (f64.load (i32.add (local.get $v) (local.get $o))) (local.get $zt)) (local.get $zt))))))
    (f64.store (local.get $out) (f64.add (local.get $q0) (local.get $q1)))
    (f64.add (local.get $s0) (local.get $s1)))

  ;; axpy on column j, then dot of column next with the updated y: one call instead of two
  (func (export "axpydot") (param $cp i32) (param $ix i32) (param $z i32) (param $j i32) (param $a f64) (param $y i32) (param $next i32) (result f64)
    (call $axpy (local.get $cp) (local.get $ix) (local.get $z) (local.get $j) (local.get $a) (local.get $y))
    (call $dot (local.get $cp) (local.get $ix) (local.get $z) (local.get $next) (local.get $y)))

  ;; waxpy on column j, then dot of column next with the updated r
  (func (export "waxpydot") (param $cp i32) (param $ix i32) (param $z i32) (param $j i32) (param $a f64) (param $v i32) (param $r i32) (param $next i32) (result f64)
    (call $waxpy (local.get $cp) (local.get $ix) (local.get $z) (local.get $j) (local.get $a) (local.get $v) (local.get $r))
    (call $dot (local.get $cp) (local.get $ix) (local.get $z) (local.get $next) (local.get $r)))

  ;; waxpy on column j, then dotwsq of column next with the updated r
  (func (export "waxpydotwsq") (param $cp i32) (param $ix i32) (param $z i32) (param $j i32) (param $a f64) (param $v i32) (param $r i32) (param $next i32) (param $out i32) (result f64)
    (call $waxpy (local.get $cp) (local.get $ix) (local.get $z) (local.get $j) (local.get $a) (local.get $v) (local.get $r))
    (call $dotwsq (local.get $cp) (local.get $ix) (local.get $z) (local.get $next) (local.get $r) (local.get $v) (local.get $out)))
)
