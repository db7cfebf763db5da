#!/usr/bin/env bash
# The repository stands alone: a fresh clone needs nothing beside it. Checks every text file git
# tracks, plus untracked files that are not ignored, for
#   - references outside the repository: a `shared/` or `../shared` folder beside it, `/work/`,
#     home directories (`/home/<user>`, `/Users/<user>`, `/root/`);
#   - relative markdown links `](path)` (and reference definitions `[x]: path`) in *.md files,
#     outside fenced code blocks and inline code, whose target is missing, ignored by git or
#     outside the repository.
# Exits 1 listing each offender as file:line, else prints a one-line summary.
# Usage: bash scripts/check-standalone.sh   (from anywhere inside the repository)
set -euo pipefail
root="$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)"
cd "$root"
self="scripts/check-standalone.sh"   # holds the patterns themselves

files=()
while IFS= read -r -d '' f; do
    [ "$f" = "$self" ] && continue
    [ -f "$f" ] && [ ! -L "$f" ] || continue            # deleted, symlinks, submodules
    if [ -s "$f" ] && ! grep -qI '' -- "$f"; then continue; fi   # binary
    files+=("$f")
done < <({ git ls-files -z; git ls-files -z --others --exclude-standard; } | sort -zu)

offenders=()

# 1. References outside the repository.
outside='(^|[^A-Za-z0-9_-])shared/|\.\./shared([^A-Za-z0-9_-]|$)'
outside+='|(^|[^A-Za-z0-9_.~-])/work(/|$|[^A-Za-z0-9_.-])'
outside+='|(^|[^A-Za-z0-9_.~-])/(home|Users)/[A-Za-z0-9_.-]+|(^|[^A-Za-z0-9_.~-])/root/'
if [ "${#files[@]}" -gt 0 ]; then
    while IFS= read -r hit; do
        offenders+=("$hit")
    done < <(grep -nHIE -- "$outside" "${files[@]}" | while IFS= read -r l; do
        f="${l%%:*}"; rest="${l#*:}"; n="${rest%%:*}"; text="${rest#*:}"
        text="$(printf '%s' "$text" | sed -E 's/^[[:space:]]+//' | cut -c1-120)"
        printf '%s:%s: reference outside the repository: %s\n' "$f" "$n" "$text"
    done)
fi

# 2. Relative markdown links whose target is not in the repository.
md=()
for f in "${files[@]}"; do
    case "$f" in *.md|*.MD|*.markdown) md+=("$f") ;; esac
done
if [ "${#md[@]}" -gt 0 ]; then
    while IFS=$'\t' read -r f n target; do
        t="$target"
        case "$t" in
            "<"*) t="${t#<}"; t="${t%%>*}" ;;
            *) t="${t%%[[:space:]]*}" ;;                 # drop a "title"
        esac
        t="${t%%#*}"; t="${t%%\?*}"
        [ -n "$t" ] || continue                           # #anchor only
        case "$t" in *://*|mailto:*|tel:*|data:*) continue ;; esac
        t="${t//%20/ }"
        case "$t" in
            /*) p="$root$t" ;;                            # GitHub: relative to the repository root
            *) p="$(dirname "$f")/$t" ;;
        esac
        abs="$(realpath -m -- "$p")"
        if [ "$abs" != "$root" ] && [ "${abs#"$root"/}" = "$abs" ]; then
            offenders+=("$f:$n: markdown link outside the repository: $target")
        elif [ ! -e "$abs" ]; then
            offenders+=("$f:$n: markdown link to a missing file: $target")
        elif git check-ignore -q -- "$abs"; then
            offenders+=("$f:$n: markdown link to a file git ignores (absent from a clone): $target")
        fi
    done < <(awk '
        FNR == 1 { fence = 0 }
        /^[ \t]*(```|~~~)/ { fence = !fence; next }
        fence { next }
        {
            line = $0
            gsub(/``[^`]*``/, "", line); gsub(/`[^`]*`/, "", line)
            if (match(line, /^[ \t]*\[[^]]+\]:[ \t]*[^ \t]+/)) {
                def = substr(line, RSTART, RLENGTH); sub(/^[ \t]*\[[^]]+\]:[ \t]*/, "", def)
                print FILENAME "\t" FNR "\t" def
            }
            while (match(line, /\]\([^)]*\)/)) {
                print FILENAME "\t" FNR "\t" substr(line, RSTART + 2, RLENGTH - 3)
                line = substr(line, RSTART + RLENGTH)
            }
        }' "${md[@]}")
fi

if [ "${#offenders[@]}" -gt 0 ]; then
    printf '%s\n' "${offenders[@]}"
    echo "standalone: ${#files[@]} files checked, ${#offenders[@]} references outside the repository or broken" >&2
    exit 1
fi
echo "standalone: ${#files[@]} files checked, 0 references outside the repository"
