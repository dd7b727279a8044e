;; Whole coordinate-descent passes of IRLS (binomial, Poisson: glmnet's lognet and fishnet) in WebAssembly,
;; built by scripts/build-wasm.mjs: one call runs a pass over the strong set, or the active-set passes of
;; a cycle, where the TypeScript solver (solve/glm.ts) calls into the kernels once per coordinate. The
;; passes are weighted naive updates on the IRLS quadratic, operation for operation as GlmSolver does them
;; in TypeScript, so both give the same iterates bit for bit (WebAssembly has no fused multiply-add).
;;
;; A solver's arrays live in the imported memory; their byte addresses are in a layout block of i32s
;; (see ../irls-epoch.ts, which writes it):
;;   0 p   4 n   8 x (column j at x + 8·n·j)   12 r (the score residual s)   16 v (working weights)
;;   20 xv (curvatures Σ v·x̃_j²)   24 beta   28 vp   32 lo   36 hi   40 slot   44 active   48 strong
;;   52 state (f64s: 0 the pass's largest xv·Δβ², 8 β0, 16 Σv, 24 the last coordinate's xv·Δβ², −1 unmoved;
;;      32, 40 a fold's τ and R; 48 scratch for a fold's vᵀz_j)
;;   56 nin   60 pmax   64 intercept (1: fit one)   68 npasses (left by "active")
;;   72 fold (1: a cross-validation fold's view, below)   76 a   80 b   84 vz   88 head   92 tail   96 resume
;;   100 stride (x's column length: n, or the full data's rows for a fold)
;; strong, slot and active are i32s; slot[j] is j's place in active, −1 while j was never active.
;; A fold's view (solve/fold-view.ts, FoldColumns and FoldScoreResidual) reads the full data's copy z at x:
;; its column is x̃_j = a_j·z_j + b_j over z's rows [0, head) and [resume, resume + tail); the kernels run on
;; the two stretches, and the residual is s = r − τv with Σs = R kept beside it (state 32: τ, 40: R), and
;; vz_j = vᵀz_j for the columns whose curvature this step has computed, so x̃_jᵀs = a_j(z_jᵀr − τ·vz_j) + b_j·R.
;; The n-long products are the kernels' own (imported from kernels.wat), so that they sum in their order,
;; and a fold's curvature kernels (irls-fold.wat: the same sums, with vᵀz_j in the same read of z_j).
(module
  (import "env" "memory" (memory 1))
  (import "kernels" "dot" (func $dot (param i32 i32 i32) (result f64)))
  (import "kernels" "sum" (func $sum (param i32 i32) (result f64)))
  (import "kernels" "axpy" (func $axpy (param i32 f64 i32 i32)))
  (import "kernels" "waxpy" (func $waxpy (param i32 f64 i32 i32 i32)))
  (import "kernels" "waxpydot" (func $waxpydot (param i32 f64 i32 i32 i32 i32) (result f64)))
  (import "kernels" "dotwsq" (func $dotwsq (param i32 i32 i32 i32 i32) (result f64)))
  (import "kernels" "waxpydotwsq" (func $waxpydotwsq (param i32 f64 i32 i32 i32 i32 i32) (result f64)))
  (import "fold" "dotwsqvz" (func $dotwsqvz (param i32 i32 i32 i32 i32 i32) (result f64)))
  (import "fold" "waxpydotwsqvz" (func $waxpydotwsqvz (param i32 f64 i32 i32 i32 i32 i32 i32) (result f64)))

  (func $f64at (param $base i32) (param $k i32) (result f64)
    (f64.load (i32.add (local.get $base) (i32.shl (local.get $k) (i32.const 3)))))
  (func $i32at (param $base i32) (param $k i32) (result i32)
    (i32.load (i32.add (local.get $base) (i32.shl (local.get $k) (i32.const 2)))))

  ;; The elastic net's update of β_k (penalties/elastic-net.ts, prox): clamp(S(u, v·l1)/(xv + v·l2), lo, hi).
  (func $prox (param $layout i32) (param $k i32) (param $u f64) (param $xv f64) (param $l1 f64) (param $l2 f64) (result f64)
    (local $v f64) (local $s f64) (local $b f64) (local $lo f64) (local $hi f64)
    (local.set $v (call $f64at (i32.load offset=28 (local.get $layout)) (local.get $k)))
    (local.set $s (f64.sub (f64.abs (local.get $u)) (f64.mul (local.get $v) (local.get $l1))))
    (if (f64.le (local.get $s) (f64.const 0)) (then (return (f64.const 0))))
    (local.set $b (f64.div
      (select (local.get $s) (f64.neg (local.get $s)) (f64.gt (local.get $u) (f64.const 0)))
      (f64.add (local.get $xv) (f64.mul (local.get $v) (local.get $l2)))))
    (local.set $lo (call $f64at (i32.load offset=32 (local.get $layout)) (local.get $k)))
    (local.set $hi (call $f64at (i32.load offset=36 (local.get $layout)) (local.get $k)))
    (if (f64.lt (local.get $b) (local.get $lo)) (then (return (local.get $lo))))
    (if (f64.gt (local.get $b) (local.get $hi)) (then (return (local.get $hi))))
    (local.get $b))

  ;; The stored column of variable j: x + 8·stride·j.
  (func $col (param $layout i32) (param $j i32) (result i32)
    (i32.add (i32.load offset=8 (local.get $layout))
      (i32.mul (local.get $j) (i32.shl (i32.load offset=100 (local.get $layout)) (i32.const 3)))))

  ;; A fold: z_jᵀu over the fold's rows, u an n-vector (FoldColumns.dot).
  (func $zdot (param $layout i32) (param $u i32) (param $j i32) (result f64)
    (local $z i32) (local $head i32)
    (local.set $z (call $col (local.get $layout) (local.get $j)))
    (local.set $head (i32.load offset=88 (local.get $layout)))
    (f64.add
      (call $dot (local.get $head) (local.get $u) (local.get $z))
      (call $dot (i32.load offset=92 (local.get $layout)) (i32.add (local.get $u) (i32.shl (local.get $head) (i32.const 3)))
        (i32.add (local.get $z) (i32.shl (i32.load offset=96 (local.get $layout)) (i32.const 3))))))

  ;; A fold: the pull x̃_jᵀs = a_j(zr − τ·vz_j) + b_j·R from zr = z_jᵀr (FoldScoreResidual.pull).
  (func $fpull (param $layout i32) (param $j i32) (param $zr f64) (result f64)
    (local $state i32)
    (local.set $state (i32.load offset=52 (local.get $layout)))
    (f64.add
      (f64.mul (call $f64at (i32.load offset=76 (local.get $layout)) (local.get $j))
        (f64.sub (local.get $zr) (f64.mul (f64.load offset=32 (local.get $state)) (call $f64at (i32.load offset=84 (local.get $layout)) (local.get $j)))))
      (f64.mul (call $f64at (i32.load offset=80 (local.get $layout)) (local.get $j)) (f64.load offset=40 (local.get $state)))))

  ;; A fold: stores vz_j = vᵀz_j and xv_j = a²·wsq + 2ab·vz + b²·Σv from wsq = Σ v·z_j² (FoldScoreResidual.curvature).
  (func $fcurv (param $layout i32) (param $j i32) (param $wsq f64) (param $vz f64)
    (local $a f64) (local $b f64)
    (f64.store (i32.add (i32.load offset=84 (local.get $layout)) (i32.shl (local.get $j) (i32.const 3))) (local.get $vz))
    (local.set $a (call $f64at (i32.load offset=76 (local.get $layout)) (local.get $j)))
    (local.set $b (call $f64at (i32.load offset=80 (local.get $layout)) (local.get $j)))
    (f64.store (i32.add (i32.load offset=20 (local.get $layout)) (i32.shl (local.get $j) (i32.const 3)))
      (f64.add
        (f64.add (f64.mul (f64.mul (local.get $a) (local.get $a)) (local.get $wsq))
          (f64.mul (f64.mul (f64.mul (f64.const 2) (local.get $a)) (local.get $b)) (local.get $vz)))
        (f64.mul (f64.mul (local.get $b) (local.get $b)) (f64.load offset=16 (i32.load offset=52 (local.get $layout)))))))

  ;; A fold: z_jᵀr with xv_j = Σ v·z_j² over both stretches (FoldColumns.dotWsq), then the curvature and
  ;; pull of x̃_j; or, when $xp ≥ 0, first r −= (δ·v)∘z_xp (FoldColumns.waxpyDotWsq). vᵀz_j is summed in the
  ;; same read of z_j (dotwsqvz, waxpydotwsqvz: FoldColumns.dot's numbers), its stretches' parts in state 48.
  (func $fpullcurv (param $layout i32) (param $j i32) (param $xp i32) (param $del f64) (result f64)
    (local $z i32) (local $head i32) (local $n2 i32) (local $r i32) (local $v i32) (local $out i32) (local $zp i32)
    (local $first f64) (local $wsq f64) (local $second f64) (local $skip i32) (local $outvz i32) (local $vz f64)
    (local.set $outvz (i32.add (i32.load offset=52 (local.get $layout)) (i32.const 48)))
    (local.set $z (call $col (local.get $layout) (local.get $j)))
    (local.set $head (i32.load offset=88 (local.get $layout)))
    (local.set $n2 (i32.load offset=92 (local.get $layout)))
    (local.set $r (i32.load offset=12 (local.get $layout)))
    (local.set $v (i32.load offset=16 (local.get $layout)))
    (local.set $out (i32.add (i32.load offset=20 (local.get $layout)) (i32.shl (local.get $j) (i32.const 3))))
    (local.set $skip (i32.shl (local.get $head) (i32.const 3)))
    (if (i32.ge_s (local.get $xp) (i32.const 0))
      (then
        (local.set $zp (call $col (local.get $layout) (local.get $xp)))
        (local.set $first (call $waxpydotwsqvz (local.get $head) (local.get $del) (local.get $v) (local.get $zp) (local.get $r) (local.get $z) (local.get $out) (local.get $outvz)))
        (local.set $wsq (f64.load (local.get $out)))
        (local.set $vz (f64.load (local.get $outvz)))
        (local.set $second (call $waxpydotwsqvz (local.get $n2) (local.get $del) (i32.add (local.get $v) (local.get $skip))
          (i32.add (local.get $zp) (i32.shl (i32.load offset=96 (local.get $layout)) (i32.const 3)))
          (i32.add (local.get $r) (local.get $skip))
          (i32.add (local.get $z) (i32.shl (i32.load offset=96 (local.get $layout)) (i32.const 3))) (local.get $out) (local.get $outvz))))
      (else
        (local.set $first (call $dotwsqvz (local.get $head) (local.get $r) (local.get $z) (local.get $v) (local.get $out) (local.get $outvz)))
        (local.set $wsq (f64.load (local.get $out)))
        (local.set $vz (f64.load (local.get $outvz)))
        (local.set $second (call $dotwsqvz (local.get $n2) (i32.add (local.get $r) (local.get $skip))
          (i32.add (local.get $z) (i32.shl (i32.load offset=96 (local.get $layout)) (i32.const 3)))
          (i32.add (local.get $v) (local.get $skip)) (local.get $out) (local.get $outvz)))))
    (f64.store (local.get $out) (f64.add (f64.load (local.get $out)) (local.get $wsq)))
    (call $fcurv (local.get $layout) (local.get $j) (f64.load (local.get $out)) (f64.add (local.get $vz) (f64.load (local.get $outvz))))
    (call $fpull (local.get $layout) (local.get $j) (f64.add (local.get $first) (local.get $second))))

  ;; A fold: the constant part of an update of β_k by δ (FoldScoreResidual.shift): τ += δ·b_k,
  ;; R −= δ·(a_k·vz_k + b_k·Σv); returns δ·a_k, the part the kernels apply to r.
  (func $shift (param $layout i32) (param $k i32) (param $del f64) (result f64)
    (local $state i32) (local $a f64) (local $b f64)
    (local.set $state (i32.load offset=52 (local.get $layout)))
    (local.set $a (call $f64at (i32.load offset=76 (local.get $layout)) (local.get $k)))
    (local.set $b (call $f64at (i32.load offset=80 (local.get $layout)) (local.get $k)))
    (f64.store offset=32 (local.get $state) (f64.add (f64.load offset=32 (local.get $state)) (f64.mul (local.get $del) (local.get $b))))
    (f64.store offset=40 (local.get $state) (f64.sub (f64.load offset=40 (local.get $state))
      (f64.mul (local.get $del) (f64.add
        (f64.mul (local.get $a) (call $f64at (i32.load offset=84 (local.get $layout)) (local.get $k)))
        (f64.mul (local.get $b) (f64.load offset=16 (local.get $state)))))))
    (f64.mul (local.get $del) (local.get $a)))

  ;; A fold: s −= δ·v∘x̃_k, then (when $next ≥ 0) the pull of $next, fused or not, with its curvature
  ;; when $curv (FoldScoreResidual.sub, subDot, subDotCurvature).
  (func $fupdate (param $layout i32) (param $k i32) (param $del f64) (param $next i32) (param $fuse i32) (param $curv i32) (result f64)
    (local $d f64) (local $zk i32) (local $zn i32) (local $head i32) (local $skip i32) (local $res i32) (local $v i32) (local $r i32)
    (local.set $d (call $shift (local.get $layout) (local.get $k) (local.get $del)))
    (if (i32.and (i32.ge_s (local.get $next) (i32.const 0)) (local.get $fuse))
      (then
        (if (local.get $curv) (then (return (call $fpullcurv (local.get $layout) (local.get $next) (local.get $k) (local.get $d)))))))
    (local.set $zk (call $col (local.get $layout) (local.get $k)))
    (local.set $head (i32.load offset=88 (local.get $layout)))
    (local.set $skip (i32.shl (local.get $head) (i32.const 3)))
    (local.set $res (i32.shl (i32.load offset=96 (local.get $layout)) (i32.const 3)))
    (local.set $v (i32.load offset=16 (local.get $layout)))
    (local.set $r (i32.load offset=12 (local.get $layout)))
    (if (i32.and (i32.ge_s (local.get $next) (i32.const 0)) (local.get $fuse))
      (then
        (local.set $zn (call $col (local.get $layout) (local.get $next)))
        (return (call $fpull (local.get $layout) (local.get $next) (f64.add
          (call $waxpydot (local.get $head) (local.get $d) (local.get $v) (local.get $zk) (local.get $r) (local.get $zn))
          (call $waxpydot (i32.load offset=92 (local.get $layout)) (local.get $d) (i32.add (local.get $v) (local.get $skip))
            (i32.add (local.get $zk) (local.get $res)) (i32.add (local.get $r) (local.get $skip)) (i32.add (local.get $zn) (local.get $res))))))))
    (call $waxpy (local.get $head) (local.get $d) (local.get $v) (local.get $zk) (local.get $r))
    (call $waxpy (i32.load offset=92 (local.get $layout)) (local.get $d) (i32.add (local.get $v) (local.get $skip))
      (i32.add (local.get $zk) (local.get $res)) (i32.add (local.get $r) (local.get $skip)))
    (if (i32.lt_s (local.get $next) (i32.const 0)) (then (return (f64.const 0))))
    (call $pull (local.get $layout) (local.get $next) (local.get $curv)))

  ;; The pull x̃_jᵀs; with $curv, also xv_j = Σ v·x̃_j² (the first sweep of an IRLS step: GlmSolver.pull).
  (func $pull (param $layout i32) (param $j i32) (param $curv i32) (result f64)
    (if (i32.load offset=72 (local.get $layout))
      (then
        (if (local.get $curv) (then (return (call $fpullcurv (local.get $layout) (local.get $j) (i32.const -1) (f64.const 0)))))
        (return (call $fpull (local.get $layout) (local.get $j)
          (call $zdot (local.get $layout) (i32.load offset=12 (local.get $layout)) (local.get $j))))))
    (if (local.get $curv)
      (then
        (return (call $dotwsq (i32.load offset=4 (local.get $layout)) (i32.load offset=12 (local.get $layout))
          (call $col (local.get $layout) (local.get $j)) (i32.load offset=16 (local.get $layout))
          (i32.add (i32.load offset=20 (local.get $layout)) (i32.shl (local.get $j) (i32.const 3)))))))
    (call $dot (i32.load offset=4 (local.get $layout)) (i32.load offset=12 (local.get $layout)) (call $col (local.get $layout) (local.get $j))))

  ;; One coordinate (GlmSolver.coordinate): update β_k given its pull gk, s −= Δ·v∘x̃_k, and return the
  ;; pull of $next on the updated residual (0 when $next < 0); with $fuse, the update and that pull in one
  ;; sweep. state[3] = xv_k·Δ², or −1 when β_k did not move.
  (func $coord (param $layout i32) (param $k i32) (param $gk f64) (param $next i32) (param $fuse i32) (param $curv i32)
    (param $l1 f64) (param $l2 f64) (result f64)
    (local $xv f64) (local $bk f64) (local $b f64) (local $del f64) (local $n i32) (local $state i32)
    (local.set $state (i32.load offset=52 (local.get $layout)))
    (local.set $xv (call $f64at (i32.load offset=20 (local.get $layout)) (local.get $k)))
    (local.set $bk (call $f64at (i32.load offset=24 (local.get $layout)) (local.get $k)))
    (local.set $b (call $prox (local.get $layout) (local.get $k)
      (f64.add (local.get $gk) (f64.mul (local.get $xv) (local.get $bk))) (local.get $xv) (local.get $l1) (local.get $l2)))
    (if (f64.eq (local.get $b) (local.get $bk))
      (then
        (f64.store offset=24 (local.get $state) (f64.const -1))
        (if (i32.lt_s (local.get $next) (i32.const 0)) (then (return (f64.const 0))))
        (return (call $pull (local.get $layout) (local.get $next) (local.get $curv)))))
    (local.set $del (f64.sub (local.get $b) (local.get $bk)))
    (f64.store (i32.add (i32.load offset=24 (local.get $layout)) (i32.shl (local.get $k) (i32.const 3))) (local.get $b))
    (f64.store offset=24 (local.get $state) (f64.mul (f64.mul (local.get $xv) (local.get $del)) (local.get $del)))
    (if (i32.load offset=72 (local.get $layout))
      (then (return (call $fupdate (local.get $layout) (local.get $k) (local.get $del) (local.get $next) (local.get $fuse) (local.get $curv)))))
    (local.set $n (i32.load offset=4 (local.get $layout)))
    (if (i32.and (i32.ge_s (local.get $next) (i32.const 0)) (local.get $fuse))
      (then
        (if (local.get $curv)
          (then
            (return (call $waxpydotwsq (local.get $n) (local.get $del) (i32.load offset=16 (local.get $layout))
              (call $col (local.get $layout) (local.get $k)) (i32.load offset=12 (local.get $layout))
              (call $col (local.get $layout) (local.get $next))
              (i32.add (i32.load offset=20 (local.get $layout)) (i32.shl (local.get $next) (i32.const 3)))))))
        (return (call $waxpydot (local.get $n) (local.get $del) (i32.load offset=16 (local.get $layout))
          (call $col (local.get $layout) (local.get $k)) (i32.load offset=12 (local.get $layout))
          (call $col (local.get $layout) (local.get $next))))))
    (call $waxpy (local.get $n) (local.get $del) (i32.load offset=16 (local.get $layout))
      (call $col (local.get $layout) (local.get $k)) (i32.load offset=12 (local.get $layout)))
    (if (i32.lt_s (local.get $next) (i32.const 0)) (then (return (f64.const 0))))
    (call $pull (local.get $layout) (local.get $next) (local.get $curv)))

  ;; The intercept's step (GlmSolver.interceptStep): Δ = Σs/Σv, β0 += Δ, s −= Δ·v; returns Σv·Δ² (0: none).
  (func $interceptstep (param $layout i32) (result f64)
    (local $state i32) (local $vsum f64) (local $del f64) (local $n i32)
    (local.set $state (i32.load offset=52 (local.get $layout)))
    (local.set $vsum (f64.load offset=16 (local.get $state)))
    (if (i32.eqz (i32.load offset=64 (local.get $layout))) (then (return (f64.const 0))))
    (if (f64.le (local.get $vsum) (f64.const 0)) (then (return (f64.const 0))))
    (local.set $n (i32.load offset=4 (local.get $layout)))
    ;; A fold's Σs is R; its update is τ += Δ, R −= Δ·Σv (FoldScoreResidual.sum, subConstant).
    (if (i32.load offset=72 (local.get $layout))
      (then (local.set $del (f64.div (f64.load offset=40 (local.get $state)) (local.get $vsum))))
      (else (local.set $del (f64.div (call $sum (local.get $n) (i32.load offset=12 (local.get $layout))) (local.get $vsum)))))
    (if (f64.eq (local.get $del) (f64.const 0)) (then (return (f64.const 0))))
    (f64.store offset=8 (local.get $state) (f64.add (f64.load offset=8 (local.get $state)) (local.get $del)))
    (if (i32.load offset=72 (local.get $layout))
      (then
        (f64.store offset=32 (local.get $state) (f64.add (f64.load offset=32 (local.get $state)) (local.get $del)))
        (f64.store offset=40 (local.get $state) (f64.sub (f64.load offset=40 (local.get $state))
          (f64.mul (local.get $del) (local.get $vsum)))))
      (else
        (call $axpy (local.get $n) (f64.neg (local.get $del)) (i32.load offset=16 (local.get $layout)) (i32.load offset=12 (local.get $layout)))))
    (f64.mul (f64.mul (local.get $vsum) (local.get $del)) (local.get $del)))

  ;; The first j ≥ from in the strong set, or p.
  (func $nextstrong (param $layout i32) (param $from i32) (result i32)
    (local $p i32) (local $strong i32)
    (local.set $p (i32.load (local.get $layout)))
    (local.set $strong (i32.load offset=48 (local.get $layout)))
    (block $found
      (loop $next
        (br_if $found (i32.ge_s (local.get $from) (local.get $p)))
        (br_if $found (call $i32at (local.get $strong) (local.get $from)))
        (local.set $from (i32.add (local.get $from) (i32.const 1)))
        (br $next)))
    (local.get $from))

  ;; A sweep over the strong set, then the intercept's step (state[0]: the largest xv·Δβ² and Σv·Δβ0²);
  ;; with $curv, the curvatures of the new weights are computed on the way. A variable that moves while
  ;; never active joins the active set; returns 0, or 1 when it would exceed pmax (the sweep stops there).
  (func (export "pass") (param $layout i32) (param $l1 f64) (param $l2 f64) (param $fuse i32) (param $curv i32) (result i32)
    (local $p i32) (local $k i32) (local $next i32) (local $g f64) (local $c f64) (local $nin i32) (local $state i32)
    (local.set $p (i32.load (local.get $layout)))
    (local.set $state (i32.load offset=52 (local.get $layout)))
    (f64.store (local.get $state) (f64.const 0))
    (local.set $k (call $nextstrong (local.get $layout) (i32.const 0)))
    (if (i32.lt_s (local.get $k) (local.get $p))
      (then (local.set $g (call $pull (local.get $layout) (local.get $k) (local.get $curv)))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $k) (local.get $p)))
        (local.set $next (call $nextstrong (local.get $layout) (i32.add (local.get $k) (i32.const 1))))
        (local.set $g (call $coord (local.get $layout) (local.get $k) (local.get $g)
          (select (local.get $next) (i32.const -1) (i32.lt_s (local.get $next) (local.get $p)))
          (local.get $fuse) (local.get $curv) (local.get $l1) (local.get $l2)))
        (local.set $c (f64.load offset=24 (local.get $state)))
        (if (f64.ge (local.get $c) (f64.const 0))
          (then
            (if (i32.lt_s (call $i32at (i32.load offset=40 (local.get $layout)) (local.get $k)) (i32.const 0))
              (then
                (local.set $nin (i32.load offset=56 (local.get $layout)))
                (if (i32.ge_s (local.get $nin) (i32.load offset=60 (local.get $layout))) (then (return (i32.const 1))))
                (i32.store (i32.add (i32.load offset=40 (local.get $layout)) (i32.shl (local.get $k) (i32.const 2))) (local.get $nin))
                (i32.store (i32.add (i32.load offset=44 (local.get $layout)) (i32.shl (local.get $nin) (i32.const 2))) (local.get $k))
                (i32.store offset=56 (local.get $layout) (i32.add (local.get $nin) (i32.const 1)))))
            (f64.store (local.get $state) (f64.max (f64.load (local.get $state)) (local.get $c)))))
        (local.set $k (local.get $next))
        (br $each)))
    (f64.store (local.get $state) (f64.max (f64.load (local.get $state)) (call $interceptstep (local.get $layout))))
    (i32.const 0))

  ;; Passes over the active set, each followed by the intercept's step (GlmSolver.activeLoop), until the
  ;; largest change of a pass is under thr (returns 0), npasses exceeds maxit (1), or $passes passes ran
  ;; with variables active (2: the caller goes on with the weighted Gram matrix). npasses at layout 68.
  (func (export "active") (param $layout i32) (param $l1 f64) (param $l2 f64) (param $thr f64)
    (param $npasses i32) (param $maxit i32) (param $fuse i32) (param $passes i32) (result i32)
    (local $l i32) (local $nin i32) (local $g f64) (local $next i32) (local $state i32) (local $pass i32) (local $active i32)
    (local.set $state (i32.load offset=52 (local.get $layout)))
    (local.set $nin (i32.load offset=56 (local.get $layout)))
    (local.set $active (i32.load offset=44 (local.get $layout)))
    (loop $each-pass
      (if (i32.and (i32.eq (local.get $pass) (local.get $passes)) (i32.gt_s (local.get $nin) (i32.const 0)))
        (then
          (i32.store offset=68 (local.get $layout) (local.get $npasses))
          (return (i32.const 2))))
      (local.set $npasses (i32.add (local.get $npasses) (i32.const 1)))
      (f64.store (local.get $state) (f64.const 0))
      (local.set $g (f64.const 0))
      (if (i32.gt_s (local.get $nin) (i32.const 0))
        (then (local.set $g (call $pull (local.get $layout) (call $i32at (local.get $active) (i32.const 0)) (i32.const 0)))))
      (local.set $l (i32.const 0))
      (block $swept
        (loop $each
          (br_if $swept (i32.ge_s (local.get $l) (local.get $nin)))
          (local.set $next (i32.const -1))
          (if (i32.lt_s (i32.add (local.get $l) (i32.const 1)) (local.get $nin))
            (then (local.set $next (call $i32at (local.get $active) (i32.add (local.get $l) (i32.const 1))))))
          (local.set $g (call $coord (local.get $layout) (call $i32at (local.get $active) (local.get $l))
            (local.get $g) (local.get $next) (local.get $fuse) (i32.const 0) (local.get $l1) (local.get $l2)))
          (f64.store (local.get $state) (f64.max (f64.load (local.get $state)) (f64.load offset=24 (local.get $state))))
          (local.set $l (i32.add (local.get $l) (i32.const 1)))
          (br $each)))
      (f64.store (local.get $state) (f64.max (f64.load (local.get $state)) (call $interceptstep (local.get $layout))))
      (i32.store offset=68 (local.get $layout) (local.get $npasses))
      (if (f64.lt (f64.load (local.get $state)) (local.get $thr)) (then (return (i32.const 0))))
      (if (i32.gt_s (local.get $npasses) (local.get $maxit)) (then (return (i32.const 1))))
      (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
      (br $each-pass))
    (unreachable))
)
