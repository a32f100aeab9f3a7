// rand / random (uniform in [0, 1)) and randn (standard normal) as Spark computes them:
// java.util.Random's nextDouble / nextGaussian over Spark's XORShiftRandom seeded with
// seed + partition index. Sluice runs one partition (index 0), so a query with a seed gives
// Spark's values for partition 0, in the order rows reach the expression.
// Each bound call owns its generator (behind a mutex: workers share the kernel).
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/math_function_util.h"
#include "functions/numeric_dispatch.h"

namespace sluice::functions {

using types::TypeId;

namespace {

uint32_t Rotl(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

// scala.util.hashing.MurmurHash3.bytesHash.
uint32_t ScalaBytesHash(const uint8_t* data, int length, uint32_t seed) {
  constexpr uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
  uint32_t h = seed;
  int i = 0;
  for (; i + 4 <= length; i += 4) {
    uint32_t k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) |
                 (static_cast<uint32_t>(data[i + 3]) << 24);
    k = Rotl(k * c1, 15) * c2;
    h = Rotl(h ^ k, 13) * 5 + 0xe6546b64;
  }
  uint32_t k = 0;
  const int rest = length - i;
  if (rest == 3) k ^= data[i + 2] << 16;
  if (rest >= 2) k ^= data[i + 1] << 8;
  if (rest >= 1) {
    k ^= data[i];
    h ^= Rotl(k * c1, 15) * c2;
  }
  h ^= static_cast<uint32_t>(length);
  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  h ^= h >> 16;
  return h;
}

// Spark's XORShiftRandom with java.util.Random's nextDouble and nextGaussian on top.
class XorShiftRandom {
 public:
  explicit XorShiftRandom(int64_t init) {
    uint8_t bytes[8];
    for (int i = 0; i < 8; ++i)
      bytes[i] = static_cast<uint8_t>(static_cast<uint64_t>(init) >> (56 - 8 * i));
    const uint32_t low = ScalaBytesHash(bytes, 8, 0x3c074a61);
    const uint32_t high = ScalaBytesHash(bytes, 8, low);
    seed_ = (static_cast<uint64_t>(high) << 32) | low;
  }

  double NextDouble() {
    return static_cast<double>((static_cast<int64_t>(Next(26)) << 27) + Next(27)) * 0x1.0p-53;
  }

  double NextGaussian() {
    if (have_next_gaussian_) {
      have_next_gaussian_ = false;
      return next_gaussian_;
    }
    double v1, v2, s;
    do {
      v1 = 2 * NextDouble() - 1;
      v2 = 2 * NextDouble() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s == 0);
    const double multiplier = std::sqrt(-2 * std::log(s) / s);
    next_gaussian_ = v2 * multiplier;
    have_next_gaussian_ = true;
    return v1 * multiplier;
  }

 private:
  int32_t Next(int bits) {
    uint64_t next = seed_ ^ (seed_ << 21);
    next ^= next >> 35;
    next ^= next << 4;
    seed_ = next;
    return static_cast<int32_t>(next & ((uint64_t{1} << bits) - 1));
  }

  uint64_t seed_;
  bool have_next_gaussian_ = false;
  double next_gaussian_ = 0;
};

ScalarFunction Random(const char* name, bool gaussian, const char* usage) {
  return ScalarFunction{
      name, usage,
      [name, gaussian](const FunctionContext&,
                       const std::vector<BindArgument>& args) -> Result<BoundScalar> {
        SLUICE_RETURN_NOT_OK(CheckArgumentCount(name, args, 0, 1));
        int64_t seed = std::chrono::steady_clock::now().time_since_epoch().count();
        if (args.size() == 1) {
          const BindArgument& a = args[0];
          if (a.constant == nullptr || !(a.type.IsInteger() || a.type.id() == TypeId::kNull))
            return Status::Invalid(
                std::string("[DATATYPE_MISMATCH.SEED_EXPRESSION_IS_UNFOLDABLE] The seed of `") +
                name + "` must be an INT or BIGINT constant.");
          seed = a.type.id() == TypeId::kNull || a.constant->IsNull(0)
                     ? 0
                     : DispatchFixedWidth(a.type.id(), [&]<typename T>() -> int64_t {
                         if constexpr (std::is_integral_v<T>)
                           return static_cast<int64_t>(a.constant->data<T>()[0]);
                         else
                           return 0;
                       });
        }
        struct State {
          explicit State(int64_t seed) : random(seed) {}
          std::mutex mutex;
          XorShiftRandom random;
        };
        auto state = std::make_shared<State>(seed);
        BoundScalar bound;
        bound.argument_types = {};
        bound.return_type = TypeId::kDouble;
        bound.deterministic = false;
        bound.kernel = [state, gaussian](const FunctionContext&,
                                         const std::vector<const vector::Vector*>&, size_t rows,
                                         vector::Vector& out) {
          std::lock_guard lock(state->mutex);
          for (size_t row = 0; row < rows; ++row)
            Set<double>(out, row,
                        gaussian ? state->random.NextGaussian() : state->random.NextDouble());
          return Status::OK();
        };
        return bound;
      }};
}

}  // namespace

void RegisterRandomFunctions(FunctionRegistry& r) {
  r.Add(Random("rand", false,
               "rand([seed]) - Returns a random value with independent and identically "
               "distributed (i.i.d.) uniformly distributed values in [0, 1)."));
  r.AddAlias("random", "rand");
  r.Add(Random("randn", true,
               "randn([seed]) - Returns a random value with independent and identically "
               "distributed (i.i.d.) values drawn from the standard normal distribution."));
}

}  // namespace sluice::functions
