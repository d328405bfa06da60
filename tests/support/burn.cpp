// A CPU-bound program for bench_programtrace: THREADS threads (argv[1], default 2) each do a fixed
// amount of arithmetic (argv[2] million rounds, default 300), so its wall time traced and untraced
// can be compared.
#include <cstdlib>
#include <thread>
#include <vector>

int main(int argc, char **argv)
{
    const int threads = argc > 1 ? std::atoi(argv[1]) : 2;
    const long rounds = (argc > 2 ? std::atol(argv[2]) : 300) * 1'000'000L;
    std::vector<std::thread> burners;
    for (int i = 0; i < threads; ++i) {
        burners.emplace_back([rounds] {
            volatile unsigned long x = 1;
            for (long r = 0; r < rounds; ++r)
                x = x * 2862933555777941757UL + 3037000493UL;
        });
    }
    for (std::thread &burner : burners)
        burner.join();
    return 0;
}
