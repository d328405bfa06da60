// A program for tst_programtrace: two threads contend for one mutex. "holder" takes it and keeps
// it for 400 ms; "waiter" starts 50 ms later and waits for it (a futex wait in the kernel).
#include <chrono>
#include <mutex>
#include <pthread.h>
#include <thread>

int main()
{
    std::mutex mutex;
    std::thread holder([&] {
        pthread_setname_np(pthread_self(), "holder");
        const std::lock_guard lock(mutex);
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::thread waiter([&] {
        pthread_setname_np(pthread_self(), "waiter");
        const std::lock_guard lock(mutex);
    });
    holder.join();
    waiter.join();
    return 0;
}
