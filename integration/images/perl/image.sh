# library/perl:latest: stands for Docker Hub's perl, enough for the seed's Job
# `pi`: perl -Mbignum=bpi -wle "print bpi(2000)". This machine's Debian perl:
# /usr/bin/perl (libperl is linked in), the shared libraries it and its XS
# modules load, the perl-base library (the modules Debian's perl always has),
# perl-modules' core library /usr/share/perl/5.36, and Debian's newer
# Math::BigInt (libmath-bigint-perl, in /usr/share/perl5, which @INC puts
# first): with perl 5.36's own Math::BigInt 1.999830, bpi(2000) under bignum
# dies ("Can't use an undefined value as an ARRAY reference at
# Math/BigInt/Calc.pm"). Not included: the architecture-dependent extras of
# /usr/lib/x86_64-linux-gnu/perl (Encode, ...). Busybox for a shell.
# shellcheck disable=SC2034 # REF and CONFIG are read by ../build, which sources this
REF=library/perl:latest
CONFIG=(--config.cmd perl --config.cmd -de0)

PERL_VERSION="$(/usr/bin/perl -e 'printf "%vd", $^V')"
PERL_BASE=/usr/lib/x86_64-linux-gnu/perl-base
PERL_CORE="/usr/share/perl/$PERL_VERSION"

dpkg -L libmath-bigint-perl >/dev/null 2>&1 ||
  die "libmath-bigint-perl is missing (scripts/install-deps installs it)"

perl_elves() { echo /usr/bin/perl; find "$PERL_BASE" -name '*.so'; }
bigint_files() { dpkg -L libmath-bigint-perl | grep '\.pm$'; }
inputs() {
  perl_elves
  libs_of $(perl_elves)
  find "$PERL_BASE" "$PERL_CORE" -type f
  bigint_files
}
rootfs() {
  local root="$1" short="${PERL_VERSION%.*}"
  add_busybox "$root"
  add_files "$root" /usr/bin/perl $(libs_of $(perl_elves)) $(bigint_files)
  mkdir -p "$root$PERL_BASE" "$root$PERL_CORE"
  cp -a "$PERL_BASE/." "$root$PERL_BASE/"
  cp -a "$PERL_CORE/." "$root$PERL_CORE/"
  # @INC names /usr/share/perl/5.36, a symlink to 5.36.0 as on Debian.
  [ "$short" = "$PERL_VERSION" ] || ln -sfn "$PERL_VERSION" "$root/usr/share/perl/$short"
}
