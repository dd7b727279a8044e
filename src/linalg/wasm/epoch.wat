;; Whole coordinate-descent epochs of the gaussian solvers in WebAssembly (built by scripts/build-wasm.mjs):
;; one call runs a pass over the strong or active set, where the TypeScript solvers (solve/gaussian.ts)
;; call into the kernels once per coordinate. The passes are glmnet's elnet (covariance and naive
;; updates) with the elastic net's update, operation for operation as the TypeScript solvers do them, so
;; both give the same iterates bit for bit (WebAssembly has no fused multiply-add).
;;
;; A solver's arrays live in the imported memory; their byte addresses are in a layout block of i32s
;; (see ../epoch.ts, which writes it):
;;   0 p   4 g   8 xv   12 beta   16 vp   20 lo   24 hi   28 slot   32 active   36 gram   40 strong
;;   44 usable   48 saved   52 state (f64s: rsq, the pass's largest xv·Δβ², the pull left for the next)
;;   56 n   60 x (column j at x + 8·n·j)   64 r   68 nin   72 pmax (the naive passes activate variables themselves)
;;   76 pulls   80 block   84 ld   88 packed   92 open (covariance, optional: block 0 when the room did not allow it)
;;   96 pending   100 rsaved   104 zsaved (naive, optional: 96 is 0 without them)
;;   108 npasses   112 cycled (glmnet's iz)   116 grad (covlambda: the KKT check's pulls, a p-vector)
;; Deferred pulls (naive): pending[j] (an i32) marks a column whose pull on an earlier residual, kept in
;; rsaved, is still wanted (the duality gap's, solve/deferred-pulls.ts); the next pass that reads x̃_j for
;; its own pull computes it right after, while x̃_j is in cache, stores it in zsaved[j] and clears pending[j].
;; It is the kernels' dot on the same numbers, so the number a read of its own would give.
;; The covariance cycle over the active set runs on a packed copy of what it reads: pulls[m] = g[active[m]]
;; and block[l·ld + m] = gram[l·p + active[m]] for the first `packed` active variables (extended as
;; variables enter, never changed after), so that its update of the active pulls is one SIMD axpy over
;; contiguous numbers, the same expression g − Δ·c on each, where it was a gather and a scatter per pull.
;; With it, covsync too runs two pulls at a time: open[j] (an i64 of ones, or 0) marks the usable variables
;; never active, and the others keep their pull bit for bit (v128.bitselect).
;; strong, usable, slot and active are i32s; slot[j] is j's place in active, −1 while j was never active.
;; The n-long products of the naive passes are the kernels' own (imported from kernels.wat), so that they
;; sum in the kernels' order.
(module
  (import "env" "memory" (memory 1))
  (import "kernels" "dot" (func $dot (param i32 i32 i32) (result f64)))
  (import "kernels" "axpy" (func $axpy (param i32 f64 i32 i32)))
  (import "kernels" "axpydot" (func $axpydot (param i32 f64 i32 i32 i32) (result f64)))

;; Element k of an f64 array at $base, and its address.
  (func $f64at (param $base i32) (param $k i32) (result f64)
    (f64.load (i32.add (local.get $base) (i32.shl (local.get $k) (i32.const 3)))))
  (func $i32at (param $base i32) (param $k i32) (result i32)
    (i32.load (i32.add (local.get $base) (i32.shl (local.get $k) (i32.const 2)))))

  ;; The elastic net's update of β_k (penalties/elastic-net.ts, prox): clamp(S(u, v·l1)/(xv + v·l2), lo, hi),
  ;; l1 = λα and l2 = λ(1−α), v, lo and hi the k-th of the penalty's arrays (layout offsets 16, 20, 24).
  (func $prox (param $layout i32) (param $k i32) (param $u f64) (param $xv f64) (param $l1 f64) (param $l2 f64) (result f64)
    (local $v f64) (local $s f64) (local $b f64) (local $lo f64) (local $hi f64)
    (local.set $v (call $f64at (i32.load offset=16 (local.get $layout)) (local.get $k)))
    (local.set $s (f64.sub (f64.abs (local.get $u)) (f64.mul (local.get $v) (local.get $l1))))
    (if (f64.le (local.get $s) (f64.const 0)) (then (return (f64.const 0))))
    (local.set $b (f64.div
      (select (local.get $s) (f64.neg (local.get $s)) (f64.gt (local.get $u) (f64.const 0)))
      (f64.add (local.get $xv) (f64.mul (local.get $v) (local.get $l2)))))
    (local.set $lo (call $f64at (i32.load offset=20 (local.get $layout)) (local.get $k)))
    (local.set $hi (call $f64at (i32.load offset=24 (local.get $layout)) (local.get $k)))
    (if (f64.lt (local.get $b) (local.get $lo)) (then (return (local.get $lo))))
    (if (f64.gt (local.get $b) (local.get $hi)) (then (return (local.get $hi))))
    (local.get $b))

  ;; Record an update of β_k from bk to b with pull gk: β_k = b, rsq += Δ(2gk − Δ·xv_k) (state[0]) and the
  ;; pass's largest xv_k·Δ² (state[1]); returns Δ.
  (func $record (param $layout i32) (param $k i32) (param $bk f64) (param $b f64) (param $gk f64) (param $xv f64) (result f64)
    (local $del f64) (local $state i32)
    (local.set $del (f64.sub (local.get $b) (local.get $bk)))
    (f64.store (i32.add (i32.load offset=12 (local.get $layout)) (i32.shl (local.get $k) (i32.const 3))) (local.get $b))
    (local.set $state (i32.load offset=52 (local.get $layout)))
    (f64.store (local.get $state) (f64.add (f64.load (local.get $state))
      (f64.mul (local.get $del) (f64.sub (f64.mul (f64.const 2) (local.get $gk)) (f64.mul (local.get $del) (local.get $xv))))))
    (f64.store offset=8 (local.get $state) (f64.max (f64.load offset=8 (local.get $state))
      (f64.mul (f64.mul (local.get $xv) (local.get $del)) (local.get $del))))
    (local.get $del))

  ;; Covariance updates, a pass over the strong set from coordinate $from: g −= Δ·(Gram column of k) after
  ;; each update. Returns p when the pass is done, or the first k that would move off zero while never
  ;; active (its Gram column is not there yet): the caller activates k and calls again from k.
  (func $covpass (export "covpass") (param $layout i32) (param $l1 f64) (param $l2 f64) (param $from i32) (result i32)
    (local $p i32) (local $k i32) (local $gk f64) (local $xv f64) (local $bk f64) (local $b f64) (local $del f64) (local $slot i32)
    (local $g i32) (local $xvs i32) (local $beta i32) (local $slots i32) (local $gram i32) (local $strong i32)
    (local.set $p (i32.load (local.get $layout)))
    (local.set $g (i32.load offset=4 (local.get $layout)))
    (local.set $xvs (i32.load offset=8 (local.get $layout)))
    (local.set $beta (i32.load offset=12 (local.get $layout)))
    (local.set $slots (i32.load offset=28 (local.get $layout)))
    (local.set $gram (i32.load offset=36 (local.get $layout)))
    (local.set $strong (i32.load offset=40 (local.get $layout)))
    (local.set $k (local.get $from))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $k) (local.get $p)))
        (if (call $i32at (local.get $strong) (local.get $k))
          (then
            (local.set $gk (call $f64at (local.get $g) (local.get $k)))
            (local.set $xv (call $f64at (local.get $xvs) (local.get $k)))
            (local.set $bk (call $f64at (local.get $beta) (local.get $k)))
            (local.set $b (call $prox (local.get $layout) (local.get $k)
              (f64.add (local.get $gk) (f64.mul (local.get $xv) (local.get $bk))) (local.get $xv) (local.get $l1) (local.get $l2)))
            (if (f64.ne (local.get $b) (local.get $bk))
              (then
                (local.set $slot (call $i32at (local.get $slots) (local.get $k)))
                (if (i32.lt_s (local.get $slot) (i32.const 0)) (then (return (local.get $k))))
                (local.set $del (call $record (local.get $layout) (local.get $k) (local.get $bk) (local.get $b) (local.get $gk) (local.get $xv)))
                (call $axpy (local.get $p) (f64.neg (local.get $del))
                  (i32.add (local.get $gram) (i32.shl (i32.mul (local.get $slot) (local.get $p)) (i32.const 3)))
                  (local.get $g))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (local.get $p))

  ;; Covariance updates, passes over the nin active variables alone (updating only their pulls) until the
  ;; largest xv·Δβ² of a pass is under thr. Returns the passes counted so far (npasses on entry plus these),
  ;; negated when they exceeded maxit first. On the packed block where there is one ($covpacked), else in place.
  (func $covactive (export "covactive") (param $layout i32) (param $l1 f64) (param $l2 f64) (param $nin i32) (param $thr f64)
    (param $npasses i32) (param $maxit i32) (result i32)
    (local $m i32) (local $g i32) (local $active i32) (local $pulls i32) (local $passes i32)
    (if (i32.eqz (i32.load offset=80 (local.get $layout)))
      (then (return (call $covinplace (local.get $layout) (local.get $l1) (local.get $l2) (local.get $nin)
        (local.get $thr) (local.get $npasses) (local.get $maxit)))))
    (call $pack (local.get $layout) (local.get $nin))
    (local.set $g (i32.load offset=4 (local.get $layout)))
    (local.set $active (i32.load offset=32 (local.get $layout)))
    (local.set $pulls (i32.load offset=76 (local.get $layout)))
    (block $gathered
      (loop $each
        (br_if $gathered (i32.ge_s (local.get $m) (local.get $nin)))
        (f64.store (i32.add (local.get $pulls) (i32.shl (local.get $m) (i32.const 3)))
          (call $f64at (local.get $g) (call $i32at (local.get $active) (local.get $m))))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $each)))
    (local.set $passes (call $covpacked (local.get $layout) (local.get $l1) (local.get $l2) (local.get $nin)
      (local.get $thr) (local.get $npasses) (local.get $maxit)))
    (local.set $m (i32.const 0))
    (block $scattered
      (loop $each
        (br_if $scattered (i32.ge_s (local.get $m) (local.get $nin)))
        (f64.store (i32.add (local.get $g) (i32.shl (call $i32at (local.get $active) (local.get $m)) (i32.const 3)))
          (call $f64at (local.get $pulls) (local.get $m)))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $each)))
    (local.get $passes))

  ;; The packed block extended to the first nin active variables: block[l·ld + m] = gram[l·p + active[m]]
  ;; for every l, m < nin not packed before (max(l, m) ≥ packed); then packed = nin.
  (func $pack (param $layout i32) (param $nin i32)
    (local $from i32) (local $l i32) (local $m i32) (local $p i32) (local $ld i32) (local $col i32) (local $row i32) (local $active i32)
    (local.set $from (i32.load offset=88 (local.get $layout)))
    (if (i32.ge_s (local.get $from) (local.get $nin)) (then (return)))
    (local.set $p (i32.load (local.get $layout)))
    (local.set $ld (i32.load offset=84 (local.get $layout)))
    (local.set $active (i32.load offset=32 (local.get $layout)))
    (block $done
      (loop $column
        (br_if $done (i32.ge_s (local.get $l) (local.get $nin)))
        (local.set $col (i32.add (i32.load offset=36 (local.get $layout)) (i32.shl (i32.mul (local.get $l) (local.get $p)) (i32.const 3))))
        (local.set $row (i32.add (i32.load offset=80 (local.get $layout)) (i32.shl (i32.mul (local.get $l) (local.get $ld)) (i32.const 3))))
        (local.set $m (select (local.get $from) (i32.const 0) (i32.lt_s (local.get $l) (local.get $from))))
        (block $filled
          (loop $each
            (br_if $filled (i32.ge_s (local.get $m) (local.get $nin)))
            (f64.store (i32.add (local.get $row) (i32.shl (local.get $m) (i32.const 3)))
              (call $f64at (local.get $col) (call $i32at (local.get $active) (local.get $m))))
            (local.set $m (i32.add (local.get $m) (i32.const 1)))
            (br $each)))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $column)))
    (i32.store offset=88 (local.get $layout) (local.get $nin)))

  ;; covactive on the packed block: pulls[l] is g at active[l], and an update of slot l is
  ;; pulls −= Δ·block[l·ld, l·ld + nin) (axpy with −Δ: g + (−Δ)·c is g − Δ·c exactly).
  (func $covpacked (param $layout i32) (param $l1 f64) (param $l2 f64) (param $nin i32) (param $thr f64)
    (param $npasses i32) (param $maxit i32) (result i32)
    (local $l i32) (local $k i32) (local $gk f64) (local $xv f64) (local $bk f64) (local $b f64) (local $del f64)
    (local $state i32) (local $pulls i32) (local $xvs i32) (local $beta i32) (local $active i32) (local $block i32) (local $ld8 i32)
    (local.set $state (i32.load offset=52 (local.get $layout)))
    (local.set $pulls (i32.load offset=76 (local.get $layout)))
    (local.set $xvs (i32.load offset=8 (local.get $layout)))
    (local.set $beta (i32.load offset=12 (local.get $layout)))
    (local.set $active (i32.load offset=32 (local.get $layout)))
    (local.set $block (i32.load offset=80 (local.get $layout)))
    (local.set $ld8 (i32.shl (i32.load offset=84 (local.get $layout)) (i32.const 3)))
    (loop $pass
      (local.set $npasses (i32.add (local.get $npasses) (i32.const 1)))
      (f64.store offset=8 (local.get $state) (f64.const 0))
      (local.set $l (i32.const 0))
      (block $swept
        (loop $next
          (br_if $swept (i32.ge_s (local.get $l) (local.get $nin)))
          (local.set $k (call $i32at (local.get $active) (local.get $l)))
          (local.set $gk (call $f64at (local.get $pulls) (local.get $l)))
          (local.set $xv (call $f64at (local.get $xvs) (local.get $k)))
          (local.set $bk (call $f64at (local.get $beta) (local.get $k)))
          (local.set $b (call $prox (local.get $layout) (local.get $k)
            (f64.add (local.get $gk) (f64.mul (local.get $xv) (local.get $bk))) (local.get $xv) (local.get $l1) (local.get $l2)))
          (if (f64.ne (local.get $b) (local.get $bk))
            (then
              (local.set $del (call $record (local.get $layout) (local.get $k) (local.get $bk) (local.get $b) (local.get $gk) (local.get $xv)))
              (call $axpy (local.get $nin) (f64.neg (local.get $del))
                (i32.add (local.get $block) (i32.mul (local.get $l) (local.get $ld8))) (local.get $pulls))))
          (local.set $l (i32.add (local.get $l) (i32.const 1)))
          (br $next)))
      (if (f64.lt (f64.load offset=8 (local.get $state)) (local.get $thr)) (then (return (local.get $npasses))))
      (if (i32.gt_s (local.get $npasses) (local.get $maxit)) (then (return (i32.sub (i32.const 0) (local.get $npasses)))))
      (br $pass))
    (unreachable))

  ;; covactive in place: the gather and scatter of each update through active.
  (func $covinplace (param $layout i32) (param $l1 f64) (param $l2 f64) (param $nin i32) (param $thr f64)
    (param $npasses i32) (param $maxit i32) (result i32)
    (local $l i32) (local $k i32) (local $gk f64) (local $xv f64) (local $bk f64) (local $b f64) (local $del f64)
    (local $state i32) (local $g i32) (local $xvs i32) (local $beta i32) (local $active i32) (local $col i32)
    (local $a i32) (local $end i32) (local $gp i32)
    (local.set $state (i32.load offset=52 (local.get $layout)))
    (local.set $g (i32.load offset=4 (local.get $layout)))
    (local.set $xvs (i32.load offset=8 (local.get $layout)))
    (local.set $beta (i32.load offset=12 (local.get $layout)))
    (local.set $active (i32.load offset=32 (local.get $layout)))
    (local.set $end (i32.add (local.get $active) (i32.shl (local.get $nin) (i32.const 2))))
    (loop $pass
      (local.set $npasses (i32.add (local.get $npasses) (i32.const 1)))
      (f64.store offset=8 (local.get $state) (f64.const 0))
      (local.set $l (i32.const 0))
      (block $swept
        (loop $next
          (br_if $swept (i32.ge_s (local.get $l) (local.get $nin)))
          (local.set $k (call $i32at (local.get $active) (local.get $l)))
          (local.set $gk (call $f64at (local.get $g) (local.get $k)))
          (local.set $xv (call $f64at (local.get $xvs) (local.get $k)))
          (local.set $bk (call $f64at (local.get $beta) (local.get $k)))
          (local.set $b (call $prox (local.get $layout) (local.get $k)
            (f64.add (local.get $gk) (f64.mul (local.get $xv) (local.get $bk))) (local.get $xv) (local.get $l1) (local.get $l2)))
          (if (f64.ne (local.get $b) (local.get $bk))
            (then
              (local.set $del (call $record (local.get $layout) (local.get $k) (local.get $bk) (local.get $b) (local.get $gk) (local.get $xv)))
              ;; g[active[m]] −= gram[l·p + active[m]]·Δ over the active m
              (local.set $col (i32.add (i32.load offset=36 (local.get $layout))
                (i32.shl (i32.mul (local.get $l) (i32.load (local.get $layout))) (i32.const 3))))
              (local.set $a (local.get $active))
              (block $updated
                (loop $each
                  (br_if $updated (i32.ge_u (local.get $a) (local.get $end)))
                  (local.set $k (i32.shl (i32.load (local.get $a)) (i32.const 3)))
                  (local.set $gp (i32.add (local.get $g) (local.get $k)))
                  (f64.store (local.get $gp) (f64.sub (f64.load (local.get $gp))
                    (f64.mul (f64.load (i32.add (local.get $col) (local.get $k))) (local.get $del))))
                  (local.set $a (i32.add (local.get $a) (i32.const 4)))
                  (br $each)))))
          (local.set $l (i32.add (local.get $l) (i32.const 1)))
          (br $next)))
      (if (f64.lt (f64.load offset=8 (local.get $state)) (local.get $thr)) (then (return (local.get $npasses))))
      (if (i32.gt_s (local.get $npasses) (local.get $maxit)) (then (return (i32.sub (i32.const 0) (local.get $npasses)))))
      (br $pass))
    (unreachable))

  ;; One λ of the covariance path in one call: run-path.ts's KktCheck.solve (the sequential strong rule, the
  ;; passes, the KKT check over the usable variables outside the strong set, passes again while any joins)
  ;; with gaussian.ts's solveInWasm as its solver, operation for operation. $from < 0 starts the λ: g_j joins
  ;; the strong set when |g_j| > ts·v_j (ts = α(2λ − λ_prev), as strongThreshold), and the passes begin with
  ;; an active-set cycle when one has run before (cycled). Returns −1 once converged with no violation, −2
  ;; past maxit, or k < p: k moves off zero never active; the caller activates it and calls again with
  ;; $from = k, resuming the pass there. npasses and cycled are kept at layout 108 and 112, nin at 68.
  (func (export "covlambda") (param $layout i32) (param $l1 f64) (param $l2 f64) (param $ts f64) (param $thr f64)
    (param $maxit i32) (param $from i32) (result i32)
    (local $p i32) (local $k i32) (local $npasses i32) (local $first i32) (local $fresh i32) (local $passes i32)
    (local $nin i32) (local $state i32)
    (local.set $p (i32.load (local.get $layout)))
    (local.set $state (i32.load offset=52 (local.get $layout)))
    (local.set $npasses (i32.load offset=108 (local.get $layout)))
    (if (i32.lt_s (local.get $from) (i32.const 0))
      (then
        (call $screen (local.get $layout) (local.get $ts))
        (local.set $first (i32.load offset=112 (local.get $layout)))
        (local.set $fresh (i32.const 1)))
      (else (local.set $k (local.get $from))))
    (loop $solve
      (if (i32.eqz (local.get $first))
        (then
          (if (local.get $fresh)
            (then
              (local.set $npasses (i32.add (local.get $npasses) (i32.const 1)))
              (f64.store offset=8 (local.get $state) (f64.const 0))
              (local.set $k (i32.const 0))))
          (local.set $k (call $covpass (local.get $layout) (local.get $l1) (local.get $l2) (local.get $k)))
          (if (i32.lt_s (local.get $k) (local.get $p))
            (then
              (i32.store offset=108 (local.get $layout) (local.get $npasses))
              (return (local.get $k))))
          (local.set $fresh (i32.const 1))
          (if (f64.lt (f64.load offset=8 (local.get $state)) (local.get $thr))
            (then
              (br_if $solve (call $kkt (local.get $layout) (local.get $l1)))
              (i32.store offset=108 (local.get $layout) (local.get $npasses))
              (return (i32.const -1))))
          (if (i32.gt_s (local.get $npasses) (local.get $maxit))
            (then
              (i32.store offset=108 (local.get $layout) (local.get $npasses))
              (return (i32.const -2))))))
      (local.set $first (i32.const 0))
      (i32.store offset=112 (local.get $layout) (i32.const 1))
      (local.set $nin (i32.load offset=68 (local.get $layout)))
      (call $covsave (local.get $layout) (local.get $nin))
      (local.set $passes (call $covactive (local.get $layout) (local.get $l1) (local.get $l2) (local.get $nin)
        (local.get $thr) (local.get $npasses) (local.get $maxit)))
      (if (i32.lt_s (local.get $passes) (i32.const 0))
        (then
          (i32.store offset=108 (local.get $layout) (i32.sub (i32.const 0) (local.get $passes)))
          (return (i32.const -2))))
      (local.set $npasses (local.get $passes))
      (call $covsync (local.get $layout) (local.get $nin))
      (br $solve))
    (unreachable))

  ;; The sequential strong rule: a usable j outside the strong set joins it when |g_j| > ts·v_j.
  (func $screen (param $layout i32) (param $ts f64)
    (local $j i32) (local $p i32) (local $g i32) (local $vp i32) (local $strong i32) (local $usable i32)
    (local.set $p (i32.load (local.get $layout)))
    (local.set $g (i32.load offset=4 (local.get $layout)))
    (local.set $vp (i32.load offset=16 (local.get $layout)))
    (local.set $strong (i32.load offset=40 (local.get $layout)))
    (local.set $usable (i32.load offset=44 (local.get $layout)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $j) (local.get $p)))
        (if (i32.and (i32.eqz (call $i32at (local.get $strong) (local.get $j)))
                     (i32.ne (call $i32at (local.get $usable) (local.get $j)) (i32.const 0)))
          (then
            (if (f64.gt (f64.abs (call $f64at (local.get $g) (local.get $j)))
                        (f64.mul (local.get $ts) (call $f64at (local.get $vp) (local.get $j))))
              (then (i32.store (i32.add (local.get $strong) (i32.shl (local.get $j) (i32.const 2))) (i32.const 1))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next))))

  ;; The KKT check over the usable variables outside the strong set: grad_j = g_j (what the check leaves
  ;; for the gap), and j joins when (|g_j| − v_j·l1)₊ > 0 (subdiffDistance at β = 0). Returns whether any did.
  (func $kkt (param $layout i32) (param $l1 f64) (result i32)
    (local $j i32) (local $p i32) (local $g i32) (local $vp i32) (local $strong i32) (local $usable i32) (local $grad i32)
    (local $gj f64) (local $violated i32)
    (local.set $p (i32.load (local.get $layout)))
    (local.set $g (i32.load offset=4 (local.get $layout)))
    (local.set $vp (i32.load offset=16 (local.get $layout)))
    (local.set $strong (i32.load offset=40 (local.get $layout)))
    (local.set $usable (i32.load offset=44 (local.get $layout)))
    (local.set $grad (i32.load offset=116 (local.get $layout)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $j) (local.get $p)))
        (if (i32.and (i32.eqz (call $i32at (local.get $strong) (local.get $j)))
                     (i32.ne (call $i32at (local.get $usable) (local.get $j)) (i32.const 0)))
          (then
            (local.set $gj (call $f64at (local.get $g) (local.get $j)))
            (f64.store (i32.add (local.get $grad) (i32.shl (local.get $j) (i32.const 3))) (local.get $gj))
            (if (f64.gt (f64.sub (f64.abs (local.get $gj)) (f64.mul (call $f64at (local.get $vp) (local.get $j)) (local.get $l1)))
                        (f64.const 0))
              (then
                (i32.store (i32.add (local.get $strong) (i32.shl (local.get $j) (i32.const 2))) (i32.const 1))
                (local.set $violated (i32.const 1))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (local.get $violated))

  ;; saved[l] = β_{active[l]} for l < nin: the active coefficients before a cycle.
  (func $covsave (export "covsave") (param $layout i32) (param $nin i32)
    (local $l i32) (local $beta i32) (local $active i32) (local $saved i32)
    (local.set $beta (i32.load offset=12 (local.get $layout)))
    (local.set $active (i32.load offset=32 (local.get $layout)))
    (local.set $saved (i32.load offset=48 (local.get $layout)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $l) (local.get $nin)))
        (f64.store (i32.add (local.get $saved) (i32.shl (local.get $l) (i32.const 3)))
          (call $f64at (local.get $beta) (call $i32at (local.get $active) (local.get $l))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $next))))

  ;; After a cycle, the pulls of the usable variables never active: g_j −= gram[l·p + j]·(β_{active[l]} − saved[l]);
  ;; two at a time where the packed room is there ($covsyncpairs), else one by one.
  (func $covsync (export "covsync") (param $layout i32) (param $nin i32)
    (if (i32.load offset=80 (local.get $layout))
      (then (call $covsyncpairs (local.get $layout) (local.get $nin)))
      (else (call $covsyncone (local.get $layout) (local.get $nin)))))

  ;; covsync in f64x2: open[j] = usable and never active, then for each moved slot l
  ;; g = bitselect(g − c·Δ, g, open) over pairs of j, and the odd last j alone.
  (func $covsyncpairs (param $layout i32) (param $nin i32)
    (local $l i32) (local $j i32) (local $p i32) (local $col i32) (local $da f64) (local $dv v128) (local $t v128)
    (local $g i32) (local $beta i32) (local $active i32) (local $saved i32) (local $slots i32) (local $usable i32) (local $open i32)
    (local $gp i32) (local $cp i32) (local $op i32) (local $end i32)
    (local.set $p (i32.load (local.get $layout)))
    (local.set $g (i32.load offset=4 (local.get $layout)))
    (local.set $beta (i32.load offset=12 (local.get $layout)))
    (local.set $slots (i32.load offset=28 (local.get $layout)))
    (local.set $active (i32.load offset=32 (local.get $layout)))
    (local.set $usable (i32.load offset=44 (local.get $layout)))
    (local.set $saved (i32.load offset=48 (local.get $layout)))
    (local.set $open (i32.load offset=92 (local.get $layout)))
    (block $marked
      (loop $each
        (br_if $marked (i32.ge_s (local.get $j) (local.get $p)))
        (i64.store (i32.add (local.get $open) (i32.shl (local.get $j) (i32.const 3)))
          (select (i64.const -1) (i64.const 0) (i32.and
            (i32.ne (call $i32at (local.get $usable) (local.get $j)) (i32.const 0))
            (i32.lt_s (call $i32at (local.get $slots) (local.get $j)) (i32.const 0)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $each)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $l) (local.get $nin)))
        (local.set $da (f64.sub
          (call $f64at (local.get $beta) (call $i32at (local.get $active) (local.get $l)))
          (call $f64at (local.get $saved) (local.get $l))))
        (if (f64.ne (local.get $da) (f64.const 0))
          (then
            (local.set $dv (f64x2.splat (local.get $da)))
            (local.set $cp (i32.add (i32.load offset=36 (local.get $layout))
              (i32.shl (i32.mul (local.get $l) (local.get $p)) (i32.const 3))))
            (local.set $gp (local.get $g))
            (local.set $op (local.get $open))
            (local.set $end (i32.add (local.get $g) (i32.shl (i32.and (local.get $p) (i32.const -2)) (i32.const 3))))
            (block $swept
              (loop $pair
                (br_if $swept (i32.ge_u (local.get $gp) (local.get $end)))
                (local.set $t (v128.load (local.get $gp)))
                (v128.store (local.get $gp) (v128.bitselect
                  (f64x2.sub (local.get $t) (f64x2.mul (v128.load (local.get $cp)) (local.get $dv)))
                  (local.get $t) (v128.load (local.get $op))))
                (local.set $gp (i32.add (local.get $gp) (i32.const 16)))
                (local.set $cp (i32.add (local.get $cp) (i32.const 16)))
                (local.set $op (i32.add (local.get $op) (i32.const 16)))
                (br $pair)))
            (if (i32.and (local.get $p) (i32.const 1))
              (then
                (if (i64.ne (i64.load (local.get $op)) (i64.const 0))
                  (then (f64.store (local.get $gp) (f64.sub (f64.load (local.get $gp))
                    (f64.mul (f64.load (local.get $cp)) (local.get $da))))))))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $next))))

  ;; covsync one pull at a time.
  (func $covsyncone (param $layout i32) (param $nin i32)
    (local $l i32) (local $j i32) (local $p i32) (local $col i32) (local $da f64) (local $gp i32)
    (local $g i32) (local $beta i32) (local $active i32) (local $saved i32) (local $slots i32) (local $usable i32)
    (local.set $p (i32.load (local.get $layout)))
    (local.set $g (i32.load offset=4 (local.get $layout)))
    (local.set $beta (i32.load offset=12 (local.get $layout)))
    (local.set $slots (i32.load offset=28 (local.get $layout)))
    (local.set $active (i32.load offset=32 (local.get $layout)))
    (local.set $usable (i32.load offset=44 (local.get $layout)))
    (local.set $saved (i32.load offset=48 (local.get $layout)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $l) (local.get $nin)))
        (local.set $da (f64.sub
          (call $f64at (local.get $beta) (call $i32at (local.get $active) (local.get $l)))
          (call $f64at (local.get $saved) (local.get $l))))
        (if (f64.ne (local.get $da) (f64.const 0))
          (then
            (local.set $col (i32.add (i32.load offset=36 (local.get $layout))
              (i32.shl (i32.mul (local.get $l) (local.get $p)) (i32.const 3))))
            (local.set $j (i32.const 0))
            (block $swept
              (loop $each
                (br_if $swept (i32.ge_s (local.get $j) (local.get $p)))
                (if (i32.and
                      (i32.ne (call $i32at (local.get $usable) (local.get $j)) (i32.const 0))
                      (i32.lt_s (call $i32at (local.get $slots) (local.get $j)) (i32.const 0)))
                  (then
                    (local.set $gp (i32.add (local.get $g) (i32.shl (local.get $j) (i32.const 3))))
                    (f64.store (local.get $gp) (f64.sub (f64.load (local.get $gp))
                      (f64.mul (call $f64at (local.get $col) (local.get $j)) (local.get $da))))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $each)))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $next))))

  ;; The column of X̃ for variable j: x + 8·n·j.
  (func $col (param $layout i32) (param $j i32) (result i32)
    (i32.add (i32.load offset=60 (local.get $layout))
      (i32.mul (local.get $j) (i32.shl (i32.load offset=56 (local.get $layout)) (i32.const 3)))))

  ;; Whether x̃_j's pull on rsaved is still wanted (pending[j]; never without the deferred arrays).
  (func $pending (param $layout i32) (param $j i32) (result i32)
    (local $at i32)
    (local.set $at (i32.load offset=96 (local.get $layout)))
    (if (i32.eqz (local.get $at)) (then (return (i32.const 0))))
    (call $i32at (local.get $at) (local.get $j)))

  ;; A deferred pull of j taken, if pending: zsaved[j] = x̃_jᵀrsaved (x̃_j just read for j's own pull, so
  ;; from cache rather than from memory), and pending[j] cleared.
  (func $takedeferred (param $layout i32) (param $j i32)
    (if (call $pending (local.get $layout) (local.get $j))
      (then
        (i32.store (i32.add (i32.load offset=96 (local.get $layout)) (i32.shl (local.get $j) (i32.const 2))) (i32.const 0))
        (f64.store (i32.add (i32.load offset=104 (local.get $layout)) (i32.shl (local.get $j) (i32.const 3)))
          (call $dot (i32.load offset=56 (local.get $layout)) (i32.load offset=100 (local.get $layout)) (call $col (local.get $layout) (local.get $j)))))))

  ;; x̃_jᵀr̃ (and j's deferred pull, if pending).
  (func $pull (param $layout i32) (param $j i32) (result f64)
    (local $g f64)
    (local.set $g (call $dot (i32.load offset=56 (local.get $layout)) (i32.load offset=64 (local.get $layout)) (call $col (local.get $layout) (local.get $j))))
    (call $takedeferred (local.get $layout) (local.get $j))
    (local.get $g))

  ;; Naive updates, one coordinate (solve/gaussian.ts, NaiveSolver.pass): update β_k given its pull gk,
  ;; r̃ −= Δ·x̃_k, and return the pull of $next on the updated residual (0 when $next < 0); with $fuse,
  ;; the update and that pull in one sweep (axpydot); either way with $next's deferred pull, if pending.
  (func $naivestep (param $layout i32) (param $k i32) (param $gk f64) (param $next i32) (param $fuse i32)
    (param $l1 f64) (param $l2 f64) (result f64)
    (local $xv f64) (local $bk f64) (local $b f64) (local $del f64) (local $n i32) (local $g f64)
    (local.set $xv (call $f64at (i32.load offset=8 (local.get $layout)) (local.get $k)))
    (local.set $bk (call $f64at (i32.load offset=12 (local.get $layout)) (local.get $k)))
    (local.set $b (call $prox (local.get $layout) (local.get $k)
      (f64.add (local.get $gk) (f64.mul (local.get $xv) (local.get $bk))) (local.get $xv) (local.get $l1) (local.get $l2)))
    (if (f64.eq (local.get $b) (local.get $bk))
      (then
        (if (i32.lt_s (local.get $next) (i32.const 0)) (then (return (f64.const 0))))
        (return (call $pull (local.get $layout) (local.get $next)))))
    (local.set $del (call $record (local.get $layout) (local.get $k) (local.get $bk) (local.get $b) (local.get $gk) (local.get $xv)))
    (local.set $n (i32.load offset=56 (local.get $layout)))
    (if (i32.and (i32.ge_s (local.get $next) (i32.const 0)) (local.get $fuse))
      (then
        (local.set $g (call $axpydot (local.get $n) (f64.neg (local.get $del)) (call $col (local.get $layout) (local.get $k))
          (i32.load offset=64 (local.get $layout)) (call $col (local.get $layout) (local.get $next))))
        (call $takedeferred (local.get $layout) (local.get $next))
        (return (local.get $g))))
    (call $axpy (local.get $n) (f64.neg (local.get $del)) (call $col (local.get $layout) (local.get $k)) (i32.load offset=64 (local.get $layout)))
    (if (i32.lt_s (local.get $next) (i32.const 0)) (then (return (f64.const 0))))
    (call $pull (local.get $layout) (local.get $next)))

  ;; The first j ≥ from in the strong set, or p.
  (func $nextstrong (param $layout i32) (param $from i32) (result i32)
    (local $p i32) (local $strong i32)
    (local.set $p (i32.load (local.get $layout)))
    (local.set $strong (i32.load offset=40 (local.get $layout)))
    (block $found
      (loop $next
        (br_if $found (i32.ge_s (local.get $from) (local.get $p)))
        (br_if $found (call $i32at (local.get $strong) (local.get $from)))
        (local.set $from (i32.add (local.get $from) (i32.const 1)))
        (br $next)))
    (local.get $from))

  ;; Naive updates, a pass over the strong set (state[1]: its largest xv·Δβ²); a variable that moves off
  ;; zero for the first time joins the active set (nin at layout offset 68, pmax at 72). Returns 0, or 1
  ;; when a variable would exceed pmax (the pass stops there, as the TypeScript one does).
  (func (export "naivepass") (param $layout i32) (param $l1 f64) (param $l2 f64) (param $fuse i32) (result i32)
    (local $p i32) (local $k i32) (local $next i32) (local $g f64) (local $fresh i32) (local $bk f64) (local $nin i32)
    (local.set $p (i32.load (local.get $layout)))
    (f64.store offset=8 (i32.load offset=52 (local.get $layout)) (f64.const 0))
    (local.set $k (call $nextstrong (local.get $layout) (i32.const 0)))
    (if (i32.lt_s (local.get $k) (local.get $p)) (then (local.set $g (call $pull (local.get $layout) (local.get $k)))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $k) (local.get $p)))
        (local.set $next (call $nextstrong (local.get $layout) (i32.add (local.get $k) (i32.const 1))))
        (local.set $bk (f64.load (i32.add (i32.load offset=12 (local.get $layout)) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $fresh (i32.and (f64.eq (local.get $bk) (f64.const 0))
          (i32.lt_s (call $i32at (i32.load offset=28 (local.get $layout)) (local.get $k)) (i32.const 0))))
        (local.set $g (call $naivestep (local.get $layout) (local.get $k) (local.get $g)
          (select (local.get $next) (i32.const -1) (i32.lt_s (local.get $next) (local.get $p))) (local.get $fuse)
          (local.get $l1) (local.get $l2)))
        (if (i32.and (local.get $fresh)
              (f64.ne (f64.load (i32.add (i32.load offset=12 (local.get $layout)) (i32.shl (local.get $k) (i32.const 3)))) (local.get $bk)))
          (then
            (local.set $nin (i32.load offset=68 (local.get $layout)))
            (if (i32.ge_s (local.get $nin) (i32.load offset=72 (local.get $layout))) (then (return (i32.const 1))))
            (i32.store (i32.add (i32.load offset=28 (local.get $layout)) (i32.shl (local.get $k) (i32.const 2))) (local.get $nin))
            (i32.store (i32.add (i32.load offset=32 (local.get $layout)) (i32.shl (local.get $nin) (i32.const 2))) (local.get $k))
            (i32.store offset=68 (local.get $layout) (i32.add (local.get $nin) (i32.const 1)))))
        (local.set $k (local.get $next))
        (br $each)))
    (i32.const 0))

  ;; Naive updates, passes over the active set alone until the largest xv·Δβ² of a pass is under thr;
  ;; returns npasses as covactive does (negated past maxit).
  (func (export "naiveactive") (param $layout i32) (param $l1 f64) (param $l2 f64) (param $thr f64)
    (param $npasses i32) (param $maxit i32) (param $fuse i32) (result i32)
    (local $l i32) (local $nin i32) (local $g f64) (local $next i32) (local $state i32)
    (local.set $state (i32.load offset=52 (local.get $layout)))
    (local.set $nin (i32.load offset=68 (local.get $layout)))
    (loop $pass
      (local.set $npasses (i32.add (local.get $npasses) (i32.const 1)))
      (f64.store offset=8 (local.get $state) (f64.const 0))
      (local.set $g (f64.const 0))
      (if (i32.gt_s (local.get $nin) (i32.const 0))
        (then (local.set $g (call $pull (local.get $layout) (call $i32at (i32.load offset=32 (local.get $layout)) (i32.const 0))))))
      (local.set $l (i32.const 0))
      (block $swept
        (loop $each
          (br_if $swept (i32.ge_s (local.get $l) (local.get $nin)))
          (local.set $next (i32.const -1))
          (if (i32.lt_s (i32.add (local.get $l) (i32.const 1)) (local.get $nin))
            (then (local.set $next (call $i32at (i32.load offset=32 (local.get $layout)) (i32.add (local.get $l) (i32.const 1))))))
          (local.set $g (call $naivestep (local.get $layout) (call $i32at (i32.load offset=32 (local.get $layout)) (local.get $l))
            (local.get $g) (local.get $next) (local.get $fuse) (local.get $l1) (local.get $l2)))
          (local.set $l (i32.add (local.get $l) (i32.const 1)))
          (br $each)))
      (if (f64.lt (f64.load offset=8 (local.get $state)) (local.get $thr)) (then (return (local.get $npasses))))
      (if (i32.gt_s (local.get $npasses) (local.get $maxit)) (then (return (i32.sub (i32.const 0) (local.get $npasses)))))
      (br $pass))
    (unreachable))
)
