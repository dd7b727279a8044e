# toJSON for the reference scripts under scripts/ (no jsonlite here): numbers to 17 digits, vectors as
# arrays, matrices as arrays of rows, named lists as objects. Scripts load it with source().
toJSON <- function(v) {
  if (is.list(v)) {
    if (is.null(names(v))) return(paste0("[", paste(sapply(v, toJSON), collapse = ","), "]"))
    return(paste0("{", paste(sprintf("\"%s\":%s", names(v), sapply(v, toJSON)), collapse = ","), "}"))
  }
  if (is.matrix(v)) return(paste0("[", paste(apply(v, 1, function(r) toJSON(as.numeric(r))), collapse = ","), "]"))
  if (is.character(v)) return(if (length(v) == 1) sprintf("\"%s\"", v) else paste0("[", paste(sprintf("\"%s\"", v), collapse = ","), "]"))
  s <- sprintf("%.17g", as.numeric(v))
  if (length(v) == 1) s else paste0("[", paste(s, collapse = ","), "]")
}
