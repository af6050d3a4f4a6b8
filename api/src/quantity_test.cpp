#include "herd/api/quantity.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace herd::api {
namespace {

using F = QuantityFormat;

// mantissa x 10^exponent units, in nano-units (Kubernetes' decQuantity).
QuantityNanos dec(int64_t mantissa, int exponent) {
  QuantityNanos v = mantissa;
  for (int i = -9; i < exponent; ++i) {
    v *= 10;
  }
  return v;
}

QuantityNanos binary(int64_t mantissa, int shift) {
  return static_cast<QuantityNanos>(mantissa) * (static_cast<QuantityNanos>(1) << shift) *
         1000000000;
}

Quantity must_parse(std::string_view text) {
  Result<Quantity> q = Quantity::parse(text);
  EXPECT_TRUE(q.ok()) << text << ": " << q.status().to_string();
  return q.ok() ? *q : Quantity();
}

std::string nanos_string(QuantityNanos n) {
  return Quantity::from_nanos(n, F::kDecimalExponent).to_string();
}

struct ParseCase {
  std::string input;
  QuantityNanos nanos;
  QuantityFormat format;
};

// Kubernetes' TestQuantityParse table (the entries our range can hold).
const std::vector<ParseCase>& parse_cases() {
  static const std::vector<ParseCase> cases = {
      {"0", 0, F::kDecimalSI}, {"0n", 0, F::kDecimalSI}, {"0u", 0, F::kDecimalSI},
      {"0m", 0, F::kDecimalSI}, {"0Ki", 0, F::kBinarySI}, {"0k", 0, F::kDecimalSI},
      {"0Mi", 0, F::kBinarySI}, {"0M", 0, F::kDecimalSI}, {"0Gi", 0, F::kBinarySI},
      {"0G", 0, F::kDecimalSI}, {"0Ti", 0, F::kBinarySI}, {"0T", 0, F::kDecimalSI},
      {"1", dec(1, 0), F::kDecimalSI},
      {"1Ki", binary(1, 10), F::kBinarySI}, {"8Ki", binary(8, 10), F::kBinarySI},
      {"7Mi", binary(7, 20), F::kBinarySI}, {"6Gi", binary(6, 30), F::kBinarySI},
      {"5Ti", binary(5, 40), F::kBinarySI}, {"4Pi", binary(4, 50), F::kBinarySI},
      {"3Ei", binary(3, 60), F::kBinarySI}, {"10Ti", binary(10, 40), F::kBinarySI},
      {"100Ti", binary(100, 40), F::kBinarySI},
      {"5n", dec(5, -9), F::kDecimalSI}, {"4u", dec(4, -6), F::kDecimalSI},
      {"3m", dec(3, -3), F::kDecimalSI}, {"9", dec(9, 0), F::kDecimalSI},
      {"8k", dec(8, 3), F::kDecimalSI}, {"50k", dec(5, 4), F::kDecimalSI},
      {"7M", dec(7, 6), F::kDecimalSI}, {"6G", dec(6, 9), F::kDecimalSI},
      {"5T", dec(5, 12), F::kDecimalSI}, {"40T", dec(4, 13), F::kDecimalSI},
      {"300T", dec(3, 14), F::kDecimalSI}, {"2P", dec(2, 15), F::kDecimalSI},
      {"1E", dec(1, 18), F::kDecimalSI},
      {"1E-3", dec(1, -3), F::kDecimalExponent}, {"1e3", dec(1, 3), F::kDecimalExponent},
      {"1E6", dec(1, 6), F::kDecimalExponent}, {"1e9", dec(1, 9), F::kDecimalExponent},
      {"1E12", dec(1, 12), F::kDecimalExponent}, {"1e15", dec(1, 15), F::kDecimalExponent},
      {"1E18", dec(1, 18), F::kDecimalExponent}, {"1e14", dec(1, 14), F::kDecimalExponent},
      {"1e13", dec(1, 13), F::kDecimalExponent}, {"100.035k", dec(100035, 0), F::kDecimalSI},
      {"0.001", dec(1, -3), F::kDecimalSI}, {"0.0005k", dec(5, -1), F::kDecimalSI},
      {"0.005", dec(5, -3), F::kDecimalSI}, {"0.05", dec(5, -2), F::kDecimalSI},
      {"0.5", dec(5, -1), F::kDecimalSI}, {"0.00050k", dec(5, -1), F::kDecimalSI},
      {"0.00500", dec(5, -3), F::kDecimalSI}, {"0.05000", dec(5, -2), F::kDecimalSI},
      {"0.50000", dec(5, -1), F::kDecimalSI}, {"0.5e0", dec(5, -1), F::kDecimalExponent},
      {"0.5e-1", dec(5, -2), F::kDecimalExponent}, {"0.5e-2", dec(5, -3), F::kDecimalExponent},
      {"10.035M", dec(10035, 3), F::kDecimalSI}, {"1.2e3", dec(12, 2), F::kDecimalExponent},
      {"1.3E+6", dec(13, 5), F::kDecimalExponent}, {"1.40e9", dec(14, 8), F::kDecimalExponent},
      {"1.53E12", dec(153, 10), F::kDecimalExponent},
      {"1.6e15", dec(16, 14), F::kDecimalExponent}, {"1.7E18", dec(17, 17), F::kDecimalExponent},
      {"9.01", dec(901, -2), F::kDecimalSI}, {"8.1k", dec(81, 2), F::kDecimalSI},
      {"7.123456M", dec(7123456, 0), F::kDecimalSI},
      {"6.987654321G", dec(6987654321, 0), F::kDecimalSI},
      {"5.444T", dec(5444, 9), F::kDecimalSI}, {"40.1T", dec(401, 11), F::kDecimalSI},
      {"300.2T", dec(3002, 11), F::kDecimalSI}, {"2.5P", dec(25, 14), F::kDecimalSI},
      {"1.01E", dec(101, 16), F::kDecimalSI},
      // Things that round up to 1n.
      {"3.001n", dec(4, -9), F::kDecimalSI}, {"1.1E-9", dec(2, -9), F::kDecimalExponent},
      {"0.0000000001", dec(1, -9), F::kDecimalSI}, {"0.0000000005", dec(1, -9), F::kDecimalSI},
      {"0.00000000050", dec(1, -9), F::kDecimalSI}, {"0.5e-9", dec(1, -9), F::kDecimalExponent},
      {"0.9n", dec(1, -9), F::kDecimalSI}, {"0.00000012345", dec(124, -9), F::kDecimalSI},
      {"0.00000012354", dec(124, -9), F::kDecimalSI},
      // BinarySI saturates at 2^63 - 1 units, as Kubernetes' maxAllowed.
      {"9Ei", dec(INT64_MAX, 0), F::kBinarySI},
      {"9223372036854775807Ki", dec(INT64_MAX, 0), F::kBinarySI},
      {"12E", dec(12, 18), F::kDecimalSI},
      // Fractional binary amounts.
      {"100.035Ki", dec(10243584, -2), F::kBinarySI},
      {"0.5Mi", binary(1, 19), F::kBinarySI}, {"0.05Gi", dec(536870912, -1), F::kBinarySI},
      {"0.025Ti", dec(274877906944, -1), F::kBinarySI},
      // "Things written by trolls".
      {"0.000000000001Ki", dec(2, -9), F::kDecimalSI}, {".001", dec(1, -3), F::kDecimalSI},
      {".0001k", dec(100, -3), F::kDecimalSI}, {"1.", dec(1, 0), F::kDecimalSI},
      {"1.G", dec(1, 9), F::kDecimalSI},
  };
  return cases;
}

TEST(Quantity, ParsesKubernetesTableExactly) {
  for (const ParseCase& c : parse_cases()) {
    for (std::string sign : {"", "+", "-"}) {
      Result<Quantity> q = Quantity::parse(sign + c.input);
      ASSERT_TRUE(q.ok()) << sign << c.input << ": " << q.status().to_string();
      QuantityNanos want = sign == "-" ? -c.nanos : c.nanos;
      EXPECT_TRUE(q->nanos() == want)
          << sign << c.input << ": got " << nanos_string(q->nanos()) << " want "
          << nanos_string(want);
      EXPECT_EQ(q->format(), c.format) << sign << c.input;
    }
  }
}

TEST(Quantity, RejectsMalformedTextWithKubernetesMessage) {
  const std::string format_wrong =
      "quantities must match the regular expression "
      "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  for (std::string_view text : {"", " 1", "1 ", " ", "1.1.M", "1+1.0M", "0.1am", "aoeu",
                                "-3.01e-x", "1e3e", "1.5.5", "1Kb", ".", "-", "+", "-.",
                                "Ki", "m", "1\n", "1,000"}) {
    Result<Quantity> q = Quantity::parse(text);
    ASSERT_FALSE(q.ok()) << "'" << text << "'";
    EXPECT_EQ(q.status(), Status::invalid_argument(format_wrong)) << "'" << text << "'";
  }
}

TEST(Quantity, RejectsUnknownSuffixWithKubernetesMessage) {
  for (std::string_view text : {"0.1mi", ".5i", "1i", "-3.01i", "-3.01e-", "1K", "1ki", "1e",
                                "1E+", "1kk", "1Ki5", "1e4294967297", "1e2147483648",
                                "1E-2147483648", "1e99999999999999999999", "m1"}) {
    Result<Quantity> q = Quantity::parse(text);
    ASSERT_FALSE(q.ok()) << text;
    EXPECT_EQ(q.status(), Status::invalid_argument("unable to parse quantity's suffix")) << text;
  }
}

TEST(Quantity, AcceptsExtremeExponentsWithinInt32) {
  EXPECT_EQ(must_parse("1e-2147483647").nanos(), 1);
  EXPECT_EQ(must_parse("-1e-2147483647").nanos(), -1);
  EXPECT_TRUE(must_parse("0e2147483647").is_zero());
  EXPECT_EQ(must_parse("1e29").to_string(), "100e27");
}

TEST(Quantity, RejectsMagnitudeBeyondRange) {
  for (std::string_view text :
       {"1e30", "-1e30", "1e2147483647", "200000000000000000000000000000", "170141183460470E15",
        "1000000000000000000000000000000000000000000000000000000m"}) {
    Result<Quantity> q = Quantity::parse(text);
    ASSERT_FALSE(q.ok()) << text;
    EXPECT_EQ(q.status(), Status::invalid_argument("quantity too large")) << text;
  }
  // Exactly kMaxNanos = 2^127 - 1 nano-units, and one nano-unit more.
  Result<Quantity> max = Quantity::parse("170141183460469231731687303715.884105727");
  ASSERT_TRUE(max.ok());
  EXPECT_TRUE(max->nanos() == Quantity::kMaxNanos);
  EXPECT_FALSE(Quantity::parse("170141183460469231731687303715.884105728").ok());
}

TEST(Quantity, CapsHugeBinaryValuesLikeKubernetes) {
  Quantity q = must_parse("99999999999999999999999999999999999999999999Ei");
  EXPECT_EQ(q.format(), F::kBinarySI);
  EXPECT_EQ(q.value(), INT64_MAX);
  EXPECT_EQ(q.to_string(), "9223372036854775807");
  EXPECT_EQ(must_parse("-9Ei").value(), -INT64_MAX);
}

TEST(Quantity, RoundsLongFractionsUpToOneNano) {
  EXPECT_EQ(must_parse("1.0000000000000000000000000000000000000000001").to_string(),
            "1000000001n");
  EXPECT_EQ(must_parse("0.000000000000000000000000000000000000000000000000001").to_string(),
            "1n");
  EXPECT_EQ(must_parse("-0.0000000000000000000000000000000000001Ei").to_string(), "-1n");
  EXPECT_EQ(must_parse("0.5000000000000000000000000000Ki").to_string(), "512");
}

struct StringCase {
  QuantityNanos nanos;
  QuantityFormat format;
  std::string expect;
  std::string alternate;  // another spelling that canonicalizes to `expect`
};

// Kubernetes' TestQuantityString table (the entries our range can hold).
const std::vector<StringCase>& string_cases() {
  static const std::vector<StringCase> cases = {
      {binary(1, 30), F::kBinarySI, "1Gi", "1024Mi"},
      {binary(300, 20), F::kBinarySI, "300Mi", "307200Ki"},
      {binary(6, 10), F::kBinarySI, "6Ki", ""},
      {binary(1001, 30), F::kBinarySI, "1001Gi", "1025024Mi"},
      {binary(1, 40), F::kBinarySI, "1Ti", "1024Gi"},
      {dec(5, 0), F::kBinarySI, "5", "5000m"},
      {dec(500, -3), F::kBinarySI, "500m", "0.5"},
      {dec(1, 9), F::kDecimalSI, "1G", "1000M"},
      {dec(1000, 6), F::kDecimalSI, "1G", "0.001T"},
      {dec(1000000, 3), F::kDecimalSI, "1G", ""},
      {dec(1000000000, 0), F::kDecimalSI, "1G", ""},
      {dec(1, -3), F::kDecimalSI, "1m", "1000u"},
      {dec(80, -3), F::kDecimalSI, "80m", ""},
      {dec(1080, -3), F::kDecimalSI, "1080m", "1.08"},
      {dec(108, -2), F::kDecimalSI, "1080m", "1080000000n"},
      {dec(300, 6), F::kDecimalSI, "300M", ""},
      {dec(1, 12), F::kDecimalSI, "1T", ""},
      {dec(1, 18), F::kDecimalSI, "1E", ""},
      {dec(1, 21), F::kDecimalSI, "1e21", "1000E"},
      {dec(5, 21), F::kDecimalSI, "5e21", "5000E"},
      {dec(1, 24), F::kDecimalSI, "1e24", "1000000E"},
      {dec(1234567, 6), F::kDecimalSI, "1234567M", ""},
      {dec(1234567, -3), F::kBinarySI, "1234567m", ""},
      {dec(3, 3), F::kDecimalSI, "3k", ""},
      {dec(1025, 0), F::kBinarySI, "1025", ""},
      {0, F::kDecimalSI, "0", ""},
      {0, F::kBinarySI, "0", ""},
      {dec(1, 9), F::kDecimalExponent, "1e9", ".001e12"},
      {dec(1, -3), F::kDecimalExponent, "1e-3", "0.001e0"},
      {dec(1, -9), F::kDecimalExponent, "1e-9", "1000e-12"},
      {dec(80, -3), F::kDecimalExponent, "80e-3", ""},
      {dec(300, 6), F::kDecimalExponent, "300e6", ""},
      {dec(1, 12), F::kDecimalExponent, "1e12", ""},
      {dec(1, 3), F::kDecimalExponent, "1e3", ""},
      {dec(3, 3), F::kDecimalExponent, "3e3", ""},
      {0, F::kDecimalExponent, "0", "00"},
      {dec(1, -9), F::kDecimalSI, "1n", ""},
      {dec(80, -9), F::kDecimalSI, "80n", ""},
      {dec(1080, -9), F::kDecimalSI, "1080n", ""},
      {dec(1, -6), F::kDecimalSI, "1u", ""},
      {dec(80, -6), F::kDecimalSI, "80u", ""},
      {dec(1080, -6), F::kDecimalSI, "1080u", ""},
  };
  return cases;
}

TEST(Quantity, CanonicalizesLikeKubernetesString) {
  for (const StringCase& c : string_cases()) {
    Quantity q = Quantity::from_nanos(c.nanos, c.format);
    EXPECT_EQ(q.to_string(), c.expect);
    EXPECT_EQ(must_parse(c.expect).to_string(), c.expect) << "round trip of " << c.expect;
    EXPECT_EQ(must_parse(c.expect), q) << c.expect;
    if (!c.alternate.empty()) {
      EXPECT_EQ(must_parse(c.alternate).to_string(), c.expect) << c.alternate;
    }
    if (c.nanos != 0) {
      EXPECT_EQ((-q).to_string(), "-" + c.expect);
    }
  }
}

TEST(Quantity, CanonicalizesBinaryToLargestExactSuffix) {
  struct Case {
    std::string in, out;
  };
  // Kubernetes' TestQuantityParseEmit plus the examples in quantity.go.
  const std::vector<Case> cases = {
      {"1Ki", "1Ki"}, {"1Mi", "1Mi"}, {"1Gi", "1Gi"}, {"1024Mi", "1Gi"}, {"1000M", "1G"},
      {".001Ki", "1024m"}, {".000001Ki", "1024u"}, {".000000001Ki", "1024n"},
      {".000000000001Ki", "2n"}, {"64Mi", "64Mi"}, {"1.5Gi", "1536Mi"}, {"100Ki", "100Ki"},
      {"0.1Gi", "107374182400m"}, {"1.1Ki", "1126400m"}};
  for (const Case& c : cases) {
    EXPECT_EQ(must_parse(c.in).to_string(), c.out) << c.in;
    EXPECT_EQ(must_parse("-" + c.in).to_string(), "-" + c.out) << c.in;
  }
}

TEST(Quantity, PrintsBinaryWithoutExactSuffixAsPlainNumber) {
  // Kubernetes' TestBinarySIZeroExponentString: reparsing gives DecimalSI
  // ("2k"), equal in value only.
  Quantity q = Quantity::from_int(2000, F::kBinarySI);
  EXPECT_EQ(q.to_string(), "2000");
  EXPECT_EQ((-q).to_string(), "-2000");
  EXPECT_EQ(must_parse(q.to_string()), q);
}

TEST(Quantity, PrintsBinaryBeyondEiAsExactDecimal) {
  // Parsing caps BinarySI at 2^63 - 1, but sums can pass Ei (Kubernetes'
  // TestBinarySIPastEiArithmeticRoundTrip): 2^70 has no binary suffix.
  Quantity half = Quantity::from_nanos(binary(1, 60) * 512, F::kBinarySI);
  Quantity two_to_70 = half + half;
  EXPECT_EQ(two_to_70.format(), F::kBinarySI);
  EXPECT_EQ(two_to_70.to_string(), "1180591620717411303424");
  EXPECT_EQ(must_parse(two_to_70.to_string()), two_to_70);
  Quantity two_to_80 = Quantity::from_nanos(binary(1, 60) * 1048576, F::kBinarySI);
  EXPECT_EQ(two_to_80.to_string(), "1208925819614629174706176");
  Quantity with_zeros = Quantity::from_nanos(binary(1, 70) * 1000, F::kBinarySI);
  EXPECT_EQ(with_zeros.to_string(), "1180591620717411303424e3");
  EXPECT_EQ(must_parse(with_zeros.to_string()), with_zeros);
}

TEST(Quantity, CanonicalizesDecimalToMultipleOfThreeExponent) {
  struct Case {
    std::string in, out;
  };
  const std::vector<Case> cases = {
      {"500m", "500m"}, {"0.5", "500m"}, {"1e3", "1e3"}, {"1E3", "1e3"}, {"10e2", "1e3"},
      {"1000", "1k"}, {"1500", "1500"}, {"2", "2"}, {"1024", "1024"}, {"1.5", "1500m"},
      {"+1", "1"}, {"01", "1"}, {"1.000", "1"}, {"0.000", "0"}, {"-0", "0"}, {"1e-7", "100e-9"},
      {"12e5", "1200e3"}, {"100000E", "100e21"}};
  for (const Case& c : cases) {
    EXPECT_EQ(must_parse(c.in).to_string(), c.out) << c.in;
  }
}

TEST(Quantity, PrintsSmallBinaryValuesAsDecimal) {
  EXPECT_EQ(Quantity::from_int(512, F::kBinarySI).to_string(), "512");
  EXPECT_EQ(Quantity::from_int(1023, F::kBinarySI).to_string(), "1023");
  EXPECT_EQ(Quantity::from_int(1024, F::kBinarySI).to_string(), "1Ki");
  EXPECT_EQ(Quantity::from_int(-1024, F::kBinarySI).to_string(), "-1Ki");
  EXPECT_EQ(Quantity::from_int(1024, F::kDecimalSI).to_string(), "1024");
  EXPECT_EQ(Quantity::from_milli(1500, F::kBinarySI).to_string(), "1500m");
  EXPECT_EQ(must_parse("0.5Ki").format(), F::kBinarySI);
  EXPECT_EQ(must_parse("0.5Ki").to_string(), "512");
}

TEST(Quantity, ComparesByValueNotFormat) {
  EXPECT_EQ(must_parse("1Gi"), must_parse("1024Mi"));
  EXPECT_EQ(must_parse("1"), must_parse("1000m"));
  EXPECT_EQ(must_parse("1e3"), must_parse("1k"));
  struct Case {
    std::string x, y;
    int cmp;
  };
  // Kubernetes' TestQuantityCmp plus a few more.
  for (const Case& c : std::vector<Case>{{"0", "0", 0},
                                         {"100m", "50m", 1},
                                         {"50m", "100m", -1},
                                         {"10000T", "100Gi", 1},
                                         {"-1", "1n", -1},
                                         {"1Ki", "1k", 1},
                                         {"999999999n", "1", -1}}) {
    Quantity x = must_parse(c.x);
    Quantity y = must_parse(c.y);
    int got = x < y ? -1 : (x > y ? 1 : 0);
    EXPECT_EQ(got, c.cmp) << c.x << " vs " << c.y;
    EXPECT_EQ(x == y, c.cmp == 0) << c.x << " vs " << c.y;
  }
}

TEST(Quantity, RoundsValueAndMilliValueAwayFromZero) {
  struct Case {
    std::string in;
    int64_t value;
    int64_t milli;
  };
  for (const Case& c : std::vector<Case>{{"0", 0, 0},
                                         {"1", 1, 1000},
                                         {"1100m", 2, 1100},
                                         {"-1100m", -2, -1100},
                                         {"1.0001", 2, 1001},
                                         {"-1.0001", -2, -1001},
                                         {"1n", 1, 1},
                                         {"-1n", -1, -1},
                                         {"9.01", 10, 9010},
                                         {"1Gi", 1073741824, 1073741824000},
                                         {"1e28", INT64_MAX, INT64_MAX},
                                         {"-1e28", INT64_MIN, INT64_MIN}}) {
    Quantity q = must_parse(c.in);
    EXPECT_EQ(q.value(), c.value) << c.in;
    EXPECT_EQ(q.milli_value(), c.milli) << c.in;
  }
}

TEST(Quantity, AddsAndSubtractsExactly) {
  EXPECT_EQ((must_parse("1Gi") + must_parse("512Mi")).to_string(), "1536Mi");
  EXPECT_EQ((must_parse("100m") + must_parse("900m")).to_string(), "1");
  EXPECT_EQ((must_parse("1") - must_parse("1500m")).to_string(), "-500m");
  EXPECT_EQ((must_parse("0.1") + must_parse("0.2")), must_parse("300m"));
  Quantity q = must_parse("1n");
  q += must_parse("1E");
  q -= must_parse("1E");
  EXPECT_EQ(q.nanos(), 1);
  EXPECT_EQ(q.to_string(), "1n");
}

TEST(Quantity, ZeroOperandTakesTheOtherFormat) {
  // Kubernetes' TestQuantityAddZeroPreservesSuffix / SubZeroPreservesSuffix.
  for (std::string text : {"100m", "1Gi"}) {
    Quantity value = must_parse(text);
    Quantity zero = must_parse("0");
    EXPECT_EQ((value + zero).to_string(), text);
    EXPECT_EQ((zero + value).to_string(), text);
    EXPECT_EQ((value - zero).to_string(), text);
    EXPECT_EQ((zero - value).to_string(), "-" + text);
  }
  EXPECT_EQ((must_parse("2Ki") + must_parse("1k")).format(), F::kBinarySI);
  EXPECT_EQ((must_parse("1k") + must_parse("2Ki")).format(), F::kDecimalSI);
}

TEST(Quantity, SaturatesOperatorsAndFailsCheckedArithmeticOnOverflow) {
  Quantity max = Quantity::from_nanos(Quantity::kMaxNanos, F::kDecimalSI);
  Quantity one = Quantity::from_int(1);
  EXPECT_TRUE((max + one).nanos() == Quantity::kMaxNanos);
  EXPECT_TRUE(((-max) - one).nanos() == -Quantity::kMaxNanos);
  EXPECT_EQ(max.checked_add(one).status(), Status::invalid_argument("quantity too large"));
  EXPECT_EQ((-max).checked_sub(one).status(), Status::invalid_argument("quantity too large"));
  Result<Quantity> fine = max.checked_sub(one);
  ASSERT_TRUE(fine.ok());
  EXPECT_TRUE(fine->nanos() == Quantity::kMaxNanos - 1000000000);
  EXPECT_EQ(must_parse(max.to_string()), max);
  EXPECT_EQ(must_parse((-max).to_string()), -max);
}

TEST(Quantity, ConstructorsKeepTheirFormat) {
  EXPECT_EQ(Quantity().to_string(), "0");
  EXPECT_EQ(Quantity().format(), F::kDecimalSI);
  EXPECT_TRUE(Quantity().is_zero());
  EXPECT_EQ(Quantity::from_int(3, F::kDecimalExponent).to_string(), "3");
  EXPECT_EQ(Quantity::from_int(3000, F::kDecimalExponent).to_string(), "3e3");
  EXPECT_EQ(Quantity::from_milli(250).to_string(), "250m");
  EXPECT_EQ(Quantity::from_milli(-250).sign(), -1);
  EXPECT_EQ(Quantity::from_int(INT64_MIN).value(), INT64_MIN);
  EXPECT_EQ(Quantity::from_int(INT64_MIN).to_string(), "-9223372036854775808");
  QuantityNanos most_negative = -Quantity::kMaxNanos - 1;
  EXPECT_TRUE(Quantity::from_nanos(most_negative, F::kDecimalSI).nanos() ==
              -Quantity::kMaxNanos);
}

}  // namespace
}  // namespace herd::api
