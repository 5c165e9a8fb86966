# Reference diagnostics for ReferenceValuesTest from the R package 'posterior' (Vehtari, Gelman, Simpson,
# Carpenter and Burkner 2021), on the draws written by reference_draws.py. Writes posterior_reference.csv
# (name,value; 17 significant digits; NaN where posterior returns NA).
# Run from this folder: python3 reference_draws.py && Rscript posterior_reference.R
# (Debian: apt-get install r-base-core r-cran-posterior). Generated with posterior 1.4.0, R 4.2.2.
suppressMessages(library(posterior))

read_draws <- function(case) {
  d <- read.csv(sprintf("draws_%s.csv", case), colClasses = c("integer", "integer", "character"))
  value <- as.numeric(d$value)  # hexadecimal doubles: exact
  chains <- max(d$chain) + 1
  # posterior's matrix convention: iterations in rows, chains in columns.
  matrix(value[order(d$chain, d$draw)], ncol = chains)
}

# Bulk and tail split R-hat as rhat() computes them before taking the larger (not exported on their own).
rhat_bulk <- function(x) posterior:::.rhat(z_scale(posterior:::.split_chains(x)))
rhat_tail <- function(x) posterior:::.rhat(z_scale(posterior:::.split_chains(posterior:::fold_draws(x))))

quantities <- function(x) {
  q <- quantile2(x, c(0.05, 0.5, 0.95))
  c(
    rhat = rhat(x), rhat_bulk = rhat_bulk(x), rhat_tail = rhat_tail(x), rhat_basic = rhat_basic(x),
    ess_bulk = ess_bulk(x), ess_tail = ess_tail(x), ess_basic = ess_basic(x),
    ess_q05 = unname(ess_quantile(x, 0.05)), ess_q50 = unname(ess_quantile(x, 0.5)),
    ess_q95 = unname(ess_quantile(x, 0.95)),
    mcse_mean = mcse_mean(x), mean = mean(x), sd = sd(as.vector(x)),
    q5 = unname(q[1]), q50 = unname(q[2]), q95 = unname(q[3])
  )
}

out <- character(0)
for (case in c("A", "B", "C")) {
  v <- quantities(read_draws(case))
  text <- ifelse(is.na(v), "NaN", sprintf("%.17g", v))
  out <- c(out, sprintf("%s.%s,%s", case, names(v), text))
}
writeLines(c("name,value", out), "posterior_reference.csv")
