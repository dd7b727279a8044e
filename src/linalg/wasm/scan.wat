;; The path's scans over every variable outside the strong set (src/solve/column-scan.ts, built by
;; scripts/build-wasm.mjs beside kernels.wat): the strong rule's and the KKT check's choice of the pulls to
;; compute from their bounds (solve/pull-bounds.ts: the drift's radius, cut by the line through a pull's last
;; two computations, fitted lazily per pair of kept residuals within a budget), the bookkeeping after pulls
;; are computed, and the two tests on the pulls. The arithmetic of the TypeScript of column-scan.ts and
;; pull-bounds.ts operation for operation (f64.max in the fits orders −0 below +0 and returns NaN as Math.max
;; does), so every decision, and so the path, is the same bit for bit; the comparisons whose outcome a
;; column's data decides are selects, not branches (a mispredicted branch cost more than the rest of a
;; column), each exactly equivalent to the Math.min/max test it stands for (see pick). Scalar on purpose:
;; the line fits' sums run in order.
;;
;; A layout block of i32s (byte address L) gives the arrays' byte addresses and the counters:
;;   0 p   1 n   2 ring (0: no lines)   3 grad   4 cols   5 strong (u8)   6 usable (u8)   7 at   8 norm
;;   9 seq0   10 seq1 (i32)   11 val0   12 val1   13 fit stamps (i32)   14 fit a   15 fit e
;;   16 kept residuals (ring × n)   17 the residual now (0: none)   18 seq   19 stamp   20 fits left
;;   21 the strong rule's weights   22 the KKT test's weights   23 (out) the variables outside the strong set
;;   24 1 when there is a residual now (17 holds it), else 0
(module
  (import "env" "memory" (memory 1))
  ;; $fit's results: the line's coefficient a and the residual's distance e from it
  (global $fa (mut f64) (f64.const 0))
  (global $fe (mut f64) (f64.const 0))

  (func $get (param $L i32) (param $k i32) (result i32)
    (i32.load (i32.add (local.get $L) (i32.shl (local.get $k) (i32.const 2)))))
  (func $put (param $L i32) (param $k i32) (param $v i32)
    (i32.store (i32.add (local.get $L) (i32.shl (local.get $k) (i32.const 2))) (local.get $v)))

  ;; lineFit: v = r − r0, u = r1 − r0 (u = 0 without r1, r1 = 0), uu, uv, vv summed in order;
  ;; a = uv/uu when uu > 0 and that is finite, else 0; e = √(max(0, vv − a·uv) + ((8n)·ε)·vv)
  (func $fit (param $r i32) (param $r0 i32) (param $r1 i32) (param $n i32)
    (local $i i32) (local $end i32) (local $v f64) (local $u f64) (local $uu f64) (local $uv f64) (local $vv f64) (local $q f64) (local $av f64)
    (local.set $end (i32.add (local.get $r) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $i (i32.const 0))
    (if (i32.lt_u (local.get $r) (local.get $end))
      (then
        (loop $sum
          (local.set $v (f64.sub (f64.load (i32.add (local.get $r) (local.get $i))) (f64.load (i32.add (local.get $r0) (local.get $i)))))
          (if (local.get $r1)
            (then (local.set $u (f64.sub (f64.load (i32.add (local.get $r1) (local.get $i))) (f64.load (i32.add (local.get $r0) (local.get $i))))))
            (else (local.set $u (f64.const 0))))
          (local.set $uu (f64.add (local.get $uu) (f64.mul (local.get $u) (local.get $u))))
          (local.set $uv (f64.add (local.get $uv) (f64.mul (local.get $u) (local.get $v))))
          (local.set $vv (f64.add (local.get $vv) (f64.mul (local.get $v) (local.get $v))))
          (local.set $i (i32.add (local.get $i) (i32.const 8)))
          (br_if $sum (i32.lt_u (i32.add (local.get $r) (local.get $i)) (local.get $end))))))
    (local.set $q (f64.div (local.get $uv) (local.get $uu)))
    ;; finite: q − q is 0 (NaN for ±∞ and NaN)
    (local.set $av
      (select (local.get $q) (f64.const 0)
        (i32.and (f64.gt (local.get $uu) (f64.const 0)) (f64.eq (f64.sub (local.get $q) (local.get $q)) (f64.const 0)))))
    (global.set $fa (local.get $av))
    (global.set $fe
      (f64.sqrt
        (f64.add
          (f64.max (f64.const 0) (f64.sub (local.get $vv) (f64.mul (local.get $av) (local.get $uv))))
          (f64.mul (f64.mul (f64.mul (f64.const 8) (f64.convert_i32_s (local.get $n))) (f64.const 0x1p-52)) (local.get $vv))))))

  ;; The pulls to compute into cols (returned: how many) among the variables outside the strong set (their
  ;; number at layout 23): kind 0, the strong rule's, whose bound [lo, hi] reaches above its threshold,
  ;; max(−lo, hi) > w_j·s; kind 1, the KKT check's, whose bound's ends are not both within the
  ;; subdifferential at 0, max(0, |lo| − w_j·s) and max(0, |hi| − w_j·s) not both 0. drift: Σ of the
  ;; residual's moves. [lo, hi] is PullBounds.range's: g ± the drift's radius, cut by the line through j's
  ;; last two pulls (Snapshots.predict, inline: the fit of the residual now on a pair of kept residuals is
  ;; made when first needed, while the budget at layout 20 lasts, and stamped). Inline throughout: V8 does
  ;; not inline calls between WebAssembly functions, and a call a column cost more than the column.
  (func (export "pick") (param $L i32) (param $kind i32) (param $s f64) (param $drift f64) (result i32)
    (local $p i32) (local $j i32) (local $count i32) (local $outside i32) (local $o4 i32) (local $o8 i32)
    (local $grad i32) (local $cols i32) (local $strong i32) (local $usable i32) (local $at i32) (local $norm i32) (local $w i32)
    (local $ring i32) (local $mask i32) (local $seq i32) (local $stamp i32) (local $left i32) (local $hasr i32)
    (local $seq0 i32) (local $seq1 i32) (local $val0 i32) (local $val1 i32) (local $stamps i32) (local $fita i32) (local $fite i32)
    (local $kept i32) (local $row i32) (local $r i32) (local $n i32)
    (local $s0 i32) (local $s1 i32) (local $two i32) (local $key i32) (local $keep i32)
    (local $g f64) (local $moved f64) (local $b f64) (local $lo f64) (local $hi f64) (local $nj f64) (local $R f64) (local $t f64)
    (local $a f64) (local $v0 f64) (local $centre f64) (local $grow f64) (local $tiny f64) (local $cut f64)
    (local.set $p (i32.load offset=0 (local.get $L)))
    (local.set $n (i32.load offset=4 (local.get $L)))
    (local.set $ring (i32.load offset=8 (local.get $L)))
    (local.set $grad (i32.load offset=12 (local.get $L)))
    (local.set $cols (i32.load offset=16 (local.get $L)))
    (local.set $strong (i32.load offset=20 (local.get $L)))
    (local.set $usable (i32.load offset=24 (local.get $L)))
    (local.set $at (i32.load offset=28 (local.get $L)))
    (local.set $norm (i32.load offset=32 (local.get $L)))
    (local.set $seq0 (i32.load offset=36 (local.get $L)))
    (local.set $seq1 (i32.load offset=40 (local.get $L)))
    (local.set $val0 (i32.load offset=44 (local.get $L)))
    (local.set $val1 (i32.load offset=48 (local.get $L)))
    (local.set $stamps (i32.load offset=52 (local.get $L)))
    (local.set $fita (i32.load offset=56 (local.get $L)))
    (local.set $fite (i32.load offset=60 (local.get $L)))
    (local.set $kept (i32.load offset=64 (local.get $L)))
    (local.set $r (i32.load offset=68 (local.get $L)))
    (local.set $seq (i32.load offset=72 (local.get $L)))
    (local.set $stamp (i32.load offset=76 (local.get $L)))
    (local.set $left (i32.load offset=80 (local.get $L)))
    (local.set $w (select (i32.load offset=88 (local.get $L)) (i32.load offset=84 (local.get $L)) (local.get $kind)))
    (local.set $hasr (i32.load offset=96 (local.get $L)))
    (local.set $mask (i32.sub (local.get $ring) (i32.const 1)))
    (local.set $row (i32.shl (local.get $n) (i32.const 3)))
    (local.set $grow (f64.add (f64.const 1) (f64.const 1e-9)))
    (local.set $tiny (f64.const 1e-10))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $j) (local.get $p)))
        (block $next
          (br_if $next (i32.load8_u (i32.add (local.get $strong) (local.get $j))))
          (br_if $next (i32.eqz (i32.load8_u (i32.add (local.get $usable) (local.get $j)))))
          (local.set $outside (i32.add (local.get $outside) (i32.const 1)))
          (local.set $o4 (i32.shl (local.get $j) (i32.const 2)))
          (local.set $o8 (i32.shl (local.get $j) (i32.const 3)))
          (local.set $g (f64.load (i32.add (local.get $grad) (local.get $o8))))
          ;; radius: ‖x̃_j‖·(moved·(1 + 1e-9) + 1e-10), 0 when nothing moved
          (local.set $moved (f64.sub (local.get $drift) (f64.load (i32.add (local.get $at) (local.get $o8)))))
          (local.set $nj (f64.load (i32.add (local.get $norm) (local.get $o8))))
          (local.set $b
            (select (f64.const 0) (f64.mul (local.get $nj) (f64.add (f64.mul (local.get $moved) (local.get $grow)) (local.get $tiny)))
              (f64.eq (local.get $moved) (f64.const 0))))
          (local.set $lo (f64.sub (local.get $g) (local.get $b)))
          (local.set $hi (f64.add (local.get $g) (local.get $b)))
          (block $nopred
            (br_if $nopred (i32.or (f64.eq (local.get $b) (f64.const 0)) (i32.eqz (local.get $ring))))
            (local.set $s0 (i32.load (i32.add (local.get $seq0) (local.get $o4))))
            (br_if $nopred (i32.or (i32.or (i32.eqz (local.get $hasr)) (i32.eqz (local.get $s0)))
                                   (i32.ge_s (i32.sub (local.get $seq) (local.get $s0)) (local.get $ring))))
            (local.set $s1 (i32.load (i32.add (local.get $seq1) (local.get $o4))))
            (local.set $two (i32.and (i32.ne (local.get $s1) (i32.const 0))
                                     (i32.lt_s (i32.sub (local.get $seq) (local.get $s1)) (local.get $ring))))
            (local.set $key
              (select
                (i32.add (i32.mul (i32.and (local.get $s0) (local.get $mask)) (local.get $ring)) (i32.and (local.get $s1) (local.get $mask)))
                (i32.add (i32.mul (local.get $ring) (local.get $ring)) (i32.and (local.get $s0) (local.get $mask)))
                (local.get $two)))
            (if (i32.ne (i32.load (i32.add (local.get $stamps) (i32.shl (local.get $key) (i32.const 2)))) (local.get $stamp))
              (then
                (br_if $nopred (i32.eqz (local.get $left)))
                (local.set $left (i32.sub (local.get $left) (i32.const 1)))
                (call $fit
                  (local.get $r)
                  (i32.add (local.get $kept) (i32.mul (i32.and (local.get $s0) (local.get $mask)) (local.get $row)))
                  (if (result i32) (local.get $two)
                    (then (i32.add (local.get $kept) (i32.mul (i32.and (local.get $s1) (local.get $mask)) (local.get $row))))
                    (else (i32.const 0)))
                  (local.get $n))
                (f64.store (i32.add (local.get $fita) (i32.shl (local.get $key) (i32.const 3))) (global.get $fa))
                (f64.store (i32.add (local.get $fite) (i32.shl (local.get $key) (i32.const 3))) (global.get $fe))
                (i32.store (i32.add (local.get $stamps) (i32.shl (local.get $key) (i32.const 2))) (local.get $stamp))))
            (local.set $a (f64.load (i32.add (local.get $fita) (i32.shl (local.get $key) (i32.const 3)))))
            (local.set $v0 (f64.load (i32.add (local.get $val0) (local.get $o8))))
            (local.set $centre
              (select
                (f64.add (local.get $v0) (f64.mul (local.get $a) (f64.sub (f64.load (i32.add (local.get $val1) (local.get $o8))) (local.get $v0))))
                (local.get $v0)
                (local.get $two)))
            ;; R = ‖x̃_j‖·(distance·(1 + 1e-9) + 1e-10·(2 + 2|a|))
            (local.set $R
              (f64.mul (local.get $nj)
                (f64.add (f64.mul (f64.load (i32.add (local.get $fite) (i32.shl (local.get $key) (i32.const 3)))) (local.get $grow))
                  (f64.mul (local.get $tiny) (f64.add (f64.const 2) (f64.mul (f64.const 2) (f64.abs (local.get $a))))))))
            ;; lo = min(centre − R, g) where centre − R > lo, hi = max(centre + R, g) where centre + R < hi, without
            ;; branches: then none of the three is NaN, and only the sign of a 0 could differ from Math.min/max,
            ;; which no test below reads
            (local.set $cut (f64.sub (local.get $centre) (local.get $R)))
            (local.set $lo (select (select (local.get $cut) (local.get $g) (f64.lt (local.get $cut) (local.get $g))) (local.get $lo)
                                   (f64.gt (local.get $cut) (local.get $lo))))
            (local.set $cut (f64.add (local.get $centre) (local.get $R)))
            (local.set $hi (select (select (local.get $cut) (local.get $g) (f64.gt (local.get $cut) (local.get $g))) (local.get $hi)
                                   (f64.lt (local.get $cut) (local.get $hi)))))
          (local.set $t (f64.mul (f64.load (i32.add (local.get $w) (local.get $o8))) (local.get $s)))
          ;; Without branches (and without f64.max, which branches in V8): KKT, skip when both ends' distances
          ;; max(0, |end| − t) are 0, i.e. |end| − t ≤ 0 (false for NaN, as max(0, NaN) = NaN is not 0); strong,
          ;; keep when max(−lo, hi) > t, i.e. −lo > t or hi > t, neither NaN (else the max is NaN)
          (local.set $keep
            (select
              (i32.eqz (i32.and
                (f64.le (f64.sub (f64.abs (local.get $lo)) (local.get $t)) (f64.const 0))
                (f64.le (f64.sub (f64.abs (local.get $hi)) (local.get $t)) (f64.const 0))))
              (i32.and
                (i32.or (f64.gt (f64.neg (local.get $lo)) (local.get $t)) (f64.gt (local.get $hi) (local.get $t)))
                (i32.and (f64.eq (local.get $lo) (local.get $lo)) (f64.eq (local.get $hi) (local.get $hi))))
              (local.get $kind)))
          ;; cols[count] = j always; count moves on when kept (count ≤ j: within cols)
          (i32.store (i32.add (local.get $cols) (i32.shl (local.get $count) (i32.const 2))) (local.get $j))
          (local.set $count (i32.add (local.get $count) (local.get $keep))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $each)))
    (i32.store offset=80 (local.get $L) (local.get $left))
    (i32.store offset=92 (local.get $L) (local.get $outside))
    (local.get $count))

  ;; Every variable outside the strong set into cols; returns how many
  (func (export "outside") (param $L i32) (result i32)
    (local $p i32) (local $j i32) (local $count i32) (local $cols i32) (local $strong i32) (local $usable i32)
    (local.set $p (call $get (local.get $L) (i32.const 0)))
    (local.set $cols (call $get (local.get $L) (i32.const 4)))
    (local.set $strong (call $get (local.get $L) (i32.const 5)))
    (local.set $usable (call $get (local.get $L) (i32.const 6)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $j) (local.get $p)))
        (if (i32.and (i32.eqz (i32.load8_u (i32.add (local.get $strong) (local.get $j))))
                     (i32.ne (i32.load8_u (i32.add (local.get $usable) (local.get $j))) (i32.const 0)))
          (then
            (i32.store (i32.add (local.get $cols) (i32.shl (local.get $count) (i32.const 2))) (local.get $j))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $each)))
    (local.get $count))

  ;; The pulls of cols[0..count) were just computed at the residual now: at_j = drift; with lines, keep the
  ;; residual as snapshot seq + 1 (slot (seq + 1) mod ring), stamp + 1, and each pull beside its previous one
  (func (export "computed") (param $L i32) (param $count i32) (param $drift f64)
    (local $k i32) (local $j i32) (local $cols i32) (local $at i32) (local $seq i32) (local $ring i32)
    (local $seq0 i32) (local $seq1 i32) (local $val0 i32) (local $val1 i32) (local $grad i32) (local $o4 i32) (local $o8 i32)
    (local.set $cols (call $get (local.get $L) (i32.const 4)))
    (local.set $at (call $get (local.get $L) (i32.const 7)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $k) (local.get $count)))
        (f64.store (i32.add (local.get $at) (i32.shl (i32.load (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3))) (local.get $drift))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $each)))
    (local.set $ring (call $get (local.get $L) (i32.const 2)))
    (if (i32.or (i32.eqz (local.get $count)) (i32.eqz (local.get $ring))) (then (return)))
    (local.set $seq (i32.add (call $get (local.get $L) (i32.const 18)) (i32.const 1)))
    (call $put (local.get $L) (i32.const 18) (local.get $seq))
    (memory.copy
      (i32.add (call $get (local.get $L) (i32.const 16))
        (i32.mul (i32.and (local.get $seq) (i32.sub (local.get $ring) (i32.const 1))) (i32.shl (call $get (local.get $L) (i32.const 1)) (i32.const 3))))
      (call $get (local.get $L) (i32.const 17))
      (i32.shl (call $get (local.get $L) (i32.const 1)) (i32.const 3)))
    (call $put (local.get $L) (i32.const 19) (i32.add (call $get (local.get $L) (i32.const 19)) (i32.const 1)))
    (local.set $seq0 (call $get (local.get $L) (i32.const 9)))
    (local.set $seq1 (call $get (local.get $L) (i32.const 10)))
    (local.set $val0 (call $get (local.get $L) (i32.const 11)))
    (local.set $val1 (call $get (local.get $L) (i32.const 12)))
    (local.set $grad (call $get (local.get $L) (i32.const 3)))
    (local.set $k (i32.const 0))
    (loop $lines
      (local.set $j (i32.load (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2)))))
      (local.set $o4 (i32.shl (local.get $j) (i32.const 2)))
      (local.set $o8 (i32.shl (local.get $j) (i32.const 3)))
      (i32.store (i32.add (local.get $seq1) (local.get $o4)) (i32.load (i32.add (local.get $seq0) (local.get $o4))))
      (f64.store (i32.add (local.get $val1) (local.get $o8)) (f64.load (i32.add (local.get $val0) (local.get $o8))))
      (i32.store (i32.add (local.get $seq0) (local.get $o4)) (local.get $seq))
      (f64.store (i32.add (local.get $val0) (local.get $o8)) (f64.load (i32.add (local.get $grad) (local.get $o8))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $lines (i32.lt_s (local.get $k) (local.get $count)))))

  ;; The strong rule: every variable outside the strong set with |g_j| > w_j·s joins it
  (func (export "mark") (param $L i32) (param $s f64)
    (local $p i32) (local $j i32) (local $grad i32) (local $strong i32) (local $usable i32) (local $w i32)
    (local.set $p (call $get (local.get $L) (i32.const 0)))
    (local.set $grad (call $get (local.get $L) (i32.const 3)))
    (local.set $strong (call $get (local.get $L) (i32.const 5)))
    (local.set $usable (call $get (local.get $L) (i32.const 6)))
    (local.set $w (call $get (local.get $L) (i32.const 21)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $j) (local.get $p)))
        (if (i32.and (i32.eqz (i32.load8_u (i32.add (local.get $strong) (local.get $j))))
                     (i32.ne (i32.load8_u (i32.add (local.get $usable) (local.get $j))) (i32.const 0)))
          (then
            (if (f64.gt (f64.abs (f64.load (i32.add (local.get $grad) (i32.shl (local.get $j) (i32.const 3)))))
                        (f64.mul (f64.load (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 3)))) (local.get $s)))
              (then (i32.store8 (i32.add (local.get $strong) (local.get $j)) (i32.const 1))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $each))))

  ;; The KKT check: each j of cols[0..count) with max(0, |g_j| − w_j·s) > 0 joins the strong set; 1 when any did
  (func (export "violations") (param $L i32) (param $count i32) (param $s f64) (result i32)
    (local $k i32) (local $j i32) (local $cols i32) (local $grad i32) (local $strong i32) (local $w i32) (local $any i32)
    (local.set $cols (call $get (local.get $L) (i32.const 4)))
    (local.set $grad (call $get (local.get $L) (i32.const 3)))
    (local.set $strong (call $get (local.get $L) (i32.const 5)))
    (local.set $w (call $get (local.get $L) (i32.const 22)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $k) (local.get $count)))
        (local.set $j (i32.load (i32.add (local.get $cols) (i32.shl (local.get $k) (i32.const 2)))))
        ;; max(0, d) > 0 exactly when d > 0 (NaN neither)
        (if (f64.gt
              (f64.sub (f64.abs (f64.load (i32.add (local.get $grad) (i32.shl (local.get $j) (i32.const 3)))))
                       (f64.mul (f64.load (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 3)))) (local.get $s)))
              (f64.const 0))
          (then
            (i32.store8 (i32.add (local.get $strong) (local.get $j)) (i32.const 1))
            (local.set $any (i32.const 1))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $each)))
    (local.get $any))

  ;; The duality gap's scans over every variable (solve/gap.ts through solve/gap-scan.ts), on a layout block
  ;; of their own (i32s, byte address G):
  ;;   0 p   1 strong (u8)   2 usable (u8)   3 grad   4 cols (i32)   5 pulled (i32)   6 (out) how many pulled
  ;;   7 v (the elastic net's weights)   8 lower   9 upper
  ;; The arithmetic of gap.ts's gather, scanPulls and penaltyGap with the elastic net's dualScale and
  ;; fenchelYoung (model/penalties/elastic-net.ts) operation for operation: the same gaps bit for bit.

  ;; GapMeter.gather: z_j = 0 where j is not usable, g_j where it is and outside the strong set; the strong
  ;; set's usable j into cols (returned: how many), z_j left as it is for them. Without branches: z_j and
  ;; cols[count] are always stored (z_j its own value where it stays; count ≤ j, within cols).
  (func (export "gather") (param $G i32) (param $z i32) (result i32)
    (local $p i32) (local $j i32) (local $count i32) (local $strong i32) (local $usable i32) (local $grad i32) (local $cols i32)
    (local $u i32) (local $s i32) (local $o8 i32)
    (local.set $p (call $get (local.get $G) (i32.const 0)))
    (local.set $strong (call $get (local.get $G) (i32.const 1)))
    (local.set $usable (call $get (local.get $G) (i32.const 2)))
    (local.set $grad (call $get (local.get $G) (i32.const 3)))
    (local.set $cols (call $get (local.get $G) (i32.const 4)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $j) (local.get $p)))
        (local.set $u (i32.ne (i32.load8_u (i32.add (local.get $usable) (local.get $j))) (i32.const 0)))
        (local.set $s (i32.ne (i32.load8_u (i32.add (local.get $strong) (local.get $j))) (i32.const 0)))
        (local.set $o8 (i32.add (local.get $z) (i32.shl (local.get $j) (i32.const 3))))
        (f64.store (local.get $o8)
          (select
            (select (f64.load (local.get $o8)) (f64.load (i32.add (local.get $grad) (i32.shl (local.get $j) (i32.const 3)))) (local.get $s))
            (f64.const 0)
            (local.get $u)))
        (i32.store (i32.add (local.get $cols) (i32.shl (local.get $count) (i32.const 2))) (local.get $j))
        (local.set $count (i32.add (local.get $count) (i32.and (local.get $u) (local.get $s))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $each)))
    (local.get $count))

  ;; scanPulls: over the usable j with z_j ≠ 0 (NaN included), dualScale s_j = 1 where h_j* is finite
  ;; everywhere ((v_j·λ)(1 − α) > 0, or the bound on z_j's side finite) or |z_j| ≤ l1 = (v_j·λ)α, else
  ;; (l1/|z_j|)(1 − 1e-15); j with s_j = 0 into the pulled list (its length at layout 6), and the least other
  ;; s_j (NaN never) below 1 returned. A branch where s_j < 1 (rare at a solution: its pulls are within l1),
  ;; so that neither the division nor the running minimum is on every variable's path.
  (func (export "pulls") (param $G i32) (param $z i32) (param $lambda f64) (param $alpha f64) (result f64)
    (local $p i32) (local $j i32) (local $count i32) (local $usable i32) (local $pulled i32) (local $vp i32) (local $lo i32) (local $hi i32)
    (local $o8 i32)
    (local $zj f64) (local $vl f64) (local $l1 f64) (local $az f64) (local $s f64) (local $scale f64) (local $ridge f64) (local $under f64) (local $bound f64)
    (local.set $p (call $get (local.get $G) (i32.const 0)))
    (local.set $usable (call $get (local.get $G) (i32.const 2)))
    (local.set $pulled (call $get (local.get $G) (i32.const 5)))
    (local.set $vp (call $get (local.get $G) (i32.const 7)))
    (local.set $lo (call $get (local.get $G) (i32.const 8)))
    (local.set $hi (call $get (local.get $G) (i32.const 9)))
    (local.set $ridge (f64.sub (f64.const 1) (local.get $alpha)))
    (local.set $under (f64.sub (f64.const 1) (f64.const 1e-15)))
    (local.set $scale (f64.const 1))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $j) (local.get $p)))
        (block $next
          (local.set $o8 (i32.shl (local.get $j) (i32.const 3)))
          (local.set $zj (f64.load (i32.add (local.get $z) (local.get $o8))))
          (local.set $vl (f64.mul (f64.load (i32.add (local.get $vp) (local.get $o8))) (local.get $lambda)))
          (local.set $l1 (f64.mul (local.get $vl) (local.get $alpha)))
          (local.set $az (f64.abs (local.get $zj)))
          ;; s_j < 1: usable, z_j ≠ 0, not |z_j| ≤ l1, no ridge part, and the bound on z_j's side infinite (read
          ;; only then: the bounds stay out of the cache)
          (if (i32.and
                (i32.and (i32.ne (i32.load8_u (i32.add (local.get $usable) (local.get $j))) (i32.const 0))
                         (f64.ne (local.get $zj) (f64.const 0)))
                (i32.eqz (i32.or (f64.le (local.get $az) (local.get $l1))
                                 (f64.gt (f64.mul (local.get $vl) (local.get $ridge)) (f64.const 0)))))
            (then
              (local.set $bound (f64.load (i32.add (select (local.get $hi) (local.get $lo) (f64.gt (local.get $zj) (f64.const 0))) (local.get $o8))))
              (br_if $next (f64.eq (f64.sub (local.get $bound) (local.get $bound)) (f64.const 0)))
              (local.set $s (f64.mul (f64.div (local.get $l1) (local.get $az)) (local.get $under)))
              (if (f64.eq (local.get $s) (f64.const 0))
                (then
                  (i32.store (i32.add (local.get $pulled) (i32.shl (local.get $count) (i32.const 2))) (local.get $j))
                  (local.set $count (i32.add (local.get $count) (i32.const 1))))
                (else
                  (if (f64.lt (local.get $s) (local.get $scale)) (then (local.set $scale (local.get $s)))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $each)))
    (call $put (local.get $G) (i32.const 6) (local.get $count))
    (local.get $scale))

  ;; penaltyGap: Σ over the usable j, in order, of max(0, FY_j), FY_j = h_j(β_j) + h_j*(s·z_j) − β_j·(s·z_j),
  ;; h_j(b) = l1|b| + (l2/2)b², l1 = (v_j·λ)α, l2 = (v_j·λ)(1 − α) on [lo_j, hi_j]; h_j*(y): S = S(y, l1),
  ;; 0 where S = 0, else S·b − (l2/2)b² with b = S/l2 clamped to the bound S pushes toward (l2 > 0) or that
  ;; bound (∞ where it is infinite).
  (func (export "penaltygap") (param $G i32) (param $z i32) (param $beta i32) (param $scale f64) (param $lambda f64) (param $alpha f64) (result f64)
    (local $p i32) (local $j i32) (local $usable i32) (local $vp i32) (local $lo i32) (local $hi i32) (local $o8 i32)
    (local $b f64) (local $y f64) (local $vl f64) (local $l1 f64) (local $l2 f64) (local $h f64) (local $S f64) (local $c f64)
    (local $bc f64) (local $bound f64) (local $fy f64) (local $sum f64) (local $ridge f64)
    (local.set $p (call $get (local.get $G) (i32.const 0)))
    (local.set $usable (call $get (local.get $G) (i32.const 2)))
    (local.set $vp (call $get (local.get $G) (i32.const 7)))
    (local.set $lo (call $get (local.get $G) (i32.const 8)))
    (local.set $hi (call $get (local.get $G) (i32.const 9)))
    (local.set $ridge (f64.sub (f64.const 1) (local.get $alpha)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $j) (local.get $p)))
        (block $next
          (br_if $next (i32.eqz (i32.load8_u (i32.add (local.get $usable) (local.get $j)))))
          (local.set $o8 (i32.shl (local.get $j) (i32.const 3)))
          (local.set $b (f64.load (i32.add (local.get $beta) (local.get $o8))))
          (local.set $y (f64.mul (local.get $scale) (f64.load (i32.add (local.get $z) (local.get $o8)))))
          (local.set $vl (f64.mul (f64.load (i32.add (local.get $vp) (local.get $o8))) (local.get $lambda)))
          (local.set $l1 (f64.mul (local.get $vl) (local.get $alpha)))
          (local.set $l2 (f64.mul (local.get $vl) (local.get $ridge)))
          (local.set $h (f64.add (f64.mul (local.get $l1) (f64.abs (local.get $b)))
            (f64.mul (f64.mul (f64.div (local.get $l2) (f64.const 2)) (local.get $b)) (local.get $b))))
          (local.set $S
            (select (f64.sub (local.get $y) (local.get $l1))
              (select (f64.add (local.get $y) (local.get $l1)) (f64.const 0) (f64.lt (local.get $y) (f64.neg (local.get $l1))))
              (f64.gt (local.get $y) (local.get $l1))))
          (local.set $c (f64.const 0))
          (if (f64.ne (local.get $S) (f64.const 0))
            (then
              (block $conjugate
                (local.set $bound (f64.load (i32.add (select (local.get $hi) (local.get $lo) (f64.gt (local.get $S) (f64.const 0))) (local.get $o8))))
                (if (f64.gt (local.get $l2) (f64.const 0))
                  (then
                    (local.set $bc (f64.div (local.get $S) (local.get $l2)))
                    (if (select (f64.gt (local.get $bc) (local.get $bound)) (f64.lt (local.get $bc) (local.get $bound)) (f64.gt (local.get $S) (f64.const 0)))
                      (then (local.set $bc (local.get $bound)))))
                  (else
                    (if (f64.ne (f64.sub (local.get $bound) (local.get $bound)) (f64.const 0))
                      (then (local.set $c (f64.const inf)) (br $conjugate)))
                    (local.set $bc (local.get $bound))))
                (local.set $c (f64.sub (f64.mul (local.get $S) (local.get $bc))
                  (f64.mul (f64.mul (f64.div (local.get $l2) (f64.const 2)) (local.get $bc)) (local.get $bc)))))))
          (local.set $fy (f64.sub (f64.add (local.get $h) (local.get $c)) (f64.mul (local.get $b) (local.get $y))))
          ;; sum + max(0, fy): adding +0 leaves the sum as it is (never −0: it starts at +0 and its terms are
          ;; +0, positive, +∞ or NaN), so only the terms not ≤ 0 (NaN among them) are added, on a branch
          ;; rarely taken: no chain of additions through every variable
          (if (i32.eqz (f64.le (local.get $fy) (f64.const 0)))
            (then (local.set $sum (f64.add (local.get $sum) (local.get $fy))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $each)))
    (local.get $sum))

  ;; The indices j < p of β_j ≠ 0 (NaN included, ±0 not) into out, in order (run-path.ts's record); returns
  ;; how many. Four at a time, skipped together where all four are ±0 (f64x2.ne: NaN ≠ 0, −0 = 0), else
  ;; appended one by one without branches: out[count] is always stored (count ≤ j: within out).
  (func $append (param $beta i32) (param $j i32) (param $out i32) (param $count i32) (result i32)
    (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))) (local.get $j))
    (i32.add (local.get $count)
      (f64.ne (f64.load (i32.add (local.get $beta) (i32.shl (local.get $j) (i32.const 3)))) (f64.const 0))))
  (func (export "nonzeros") (param $beta i32) (param $p i32) (param $out i32) (result i32)
    (local $j i32) (local $count i32) (local $at i32)
    (block $wide
      (loop $four
        (br_if $wide (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $p)))
        (local.set $at (i32.add (local.get $beta) (i32.shl (local.get $j) (i32.const 3))))
        (if (v128.any_true (v128.or
              (f64x2.ne (v128.load (local.get $at)) (f64x2.splat (f64.const 0)))
              (f64x2.ne (v128.load offset=16 (local.get $at)) (f64x2.splat (f64.const 0)))))
          (then
            (local.set $count (call $append (local.get $beta) (local.get $j) (local.get $out) (local.get $count)))
            (local.set $count (call $append (local.get $beta) (i32.add (local.get $j) (i32.const 1)) (local.get $out) (local.get $count)))
            (local.set $count (call $append (local.get $beta) (i32.add (local.get $j) (i32.const 2)) (local.get $out) (local.get $count)))
            (local.set $count (call $append (local.get $beta) (i32.add (local.get $j) (i32.const 3)) (local.get $out) (local.get $count)))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $four)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $j) (local.get $p)))
        (local.set $count (call $append (local.get $beta) (local.get $j) (local.get $out) (local.get $count)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $each)))
    (local.get $count))
)
