# Checks a `pyrite run` output folder with the R package posterior: reads the CmdStan CSVs of every
# chain (plain read.csv, comment lines skipped), recomputes mean, sd, MCSE, 5/50/95% quantiles, R-hat,
# bulk and tail ESS with posterior::summarise_draws, and compares them with summary.csv.
#
#   Rscript app/scripts/posterior_check.R runs/eight_schools-20261122-014300 eight_schools
#
# (Debian: apt-get install r-cran-posterior.)
suppressMessages(library(posterior))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; model <- args[2]
files <- sort(Sys.glob(file.path(dir, paste0(model, "_*.csv"))))
chains <- lapply(files, function(f) read.csv(f, comment.char = "#", check.names = FALSE))
vars <- setdiff(names(chains[[1]]), c("lp__","accept_stat__","stepsize__","treedepth__","n_leapfrog__","divergent__","energy__"))
arr <- array(NA, dim = c(nrow(chains[[1]]), length(chains), length(vars)), dimnames = list(NULL, NULL, vars))
for (c in seq_along(chains)) for (v in vars) arr[, c, v] <- chains[[c]][[v]]
d <- as_draws_array(arr)
s <- summarise_draws(d, mean, sd, mcse_mean, ~quantile(.x, probs = c(0.05, 0.5, 0.95)), rhat, ess_bulk, ess_tail)
ours <- read.csv(file.path(dir, "summary.csv"))
cols <- c("mean","sd","mcse_mean","5%","50%","95%","rhat","ess_bulk","ess_tail")
ourcols <- c("mean","sd","mcse_mean","q5","q50","q95","rhat","ess_bulk","ess_tail")
maxrel <- 0
for (i in seq_len(nrow(s))) {
  name <- s$variable[i]
  # CmdStan names theta.3 -> ours theta[3]
  parts <- strsplit(name, "\\.")[[1]]
  ourname <- if (length(parts) == 1) name else paste0(parts[1], "[", paste(parts[-1], collapse = ","), "]")
  o <- ours[ours$variable == ourname, ]
  for (k in seq_along(cols)) {
    a <- as.numeric(s[i, cols[k]]); b <- o[[ourcols[k]]]
    rel <- abs(a - b) / max(abs(a), 1e-12)
    if (rel > maxrel) maxrel <- rel
    if (rel > 1e-6) cat(sprintf("%s %s: posterior %.10g, pyrite %.10g\n", ourname, cols[k], a, b))
  }
}
cat(sprintf("%d variables x %d columns compared; largest relative difference %.3g\n", nrow(s), length(cols), maxrel))
