#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <new>
#include <span>
#include <stdexcept>
#include <sys/mman.h>
#include <type_traits>

namespace threadlab {

// A vector of trivially copyable records (events, segments) that grows without copying: past
// kMapBytes its storage is its own memory mapping, which mremap() enlarges or shrinks in place or
// by moving page tables. A trace's lists reach hundreds of MB; with std::vector every doubling
// copied them into fresh memory, which dominated the time to take in events (and to end a run).
template <typename T> class PodVector
{
    static_assert(std::is_trivially_copyable_v<T>);

public:
    using value_type = T;
    using iterator = T *;
    using const_iterator = const T *;
    static constexpr size_t kMapBytes = size_t(1) << 20;

    PodVector() = default;
    PodVector(const PodVector &other) { assign(other.data(), other.size()); }
    PodVector(PodVector &&other) noexcept { swap(other); }
    PodVector(std::initializer_list<T> items) { assign(items.begin(), items.size()); }
    ~PodVector() { release(); }
    PodVector &operator=(const PodVector &other)
    {
        if (this != &other)
            assign(other.data(), other.size());
        return *this;
    }
    PodVector &operator=(PodVector &&other) noexcept
    {
        PodVector moved(std::move(other));
        swap(moved);
        return *this;
    }
    void swap(PodVector &other) noexcept
    {
        std::swap(m_data, other.m_data);
        std::swap(m_size, other.m_size);
        std::swap(m_capacity, other.m_capacity);
        std::swap(m_mapped, other.m_mapped);
    }

    size_t size() const noexcept { return m_size; }
    size_t capacity() const noexcept { return m_capacity; }
    bool empty() const noexcept { return m_size == 0; }
    T *data() noexcept { return m_data; }
    const T *data() const noexcept { return m_data; }
    T *begin() noexcept { return m_data; }
    T *end() noexcept { return m_data + m_size; }
    const T *begin() const noexcept { return m_data; }
    const T *end() const noexcept { return m_data + m_size; }
    std::reverse_iterator<const T *> rbegin() const noexcept { return std::reverse_iterator<const T *>(end()); }
    std::reverse_iterator<const T *> rend() const noexcept { return std::reverse_iterator<const T *>(begin()); }
    T &operator[](size_t i) noexcept { return m_data[i]; }
    const T &operator[](size_t i) const noexcept { return m_data[i]; }
    const T &at(size_t i) const
    {
        if (i >= m_size)
            throw std::out_of_range("PodVector::at");
        return m_data[i];
    }
    T &front() noexcept { return m_data[0]; }
    const T &front() const noexcept { return m_data[0]; }
    T &back() noexcept { return m_data[m_size - 1]; }
    const T &back() const noexcept { return m_data[m_size - 1]; }
    operator std::span<const T>() const noexcept { return { m_data, m_size }; }

    void push_back(const T &item)
    {
        if (m_size == m_capacity)
            reallocate(std::max<size_t>(16, m_capacity * 2));
        m_data[m_size++] = item;
    }
    void reserve(size_t capacity)
    {
        if (capacity > m_capacity)
            reallocate(capacity);
    }
    // New items are value-initialised (zero).
    void resize(size_t size)
    {
        reserve(size);
        if (size > m_size)
            std::memset(static_cast<void *>(m_data + m_size), 0, (size - m_size) * sizeof(T));
        m_size = size;
    }
    void clear() noexcept { m_size = 0; }
    void shrink_to_fit()
    {
        if (m_capacity > m_size)
            reallocate(m_size);
    }

    friend bool operator==(const PodVector &a, const PodVector &b)
    {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const T &x, const T &y) {
            return std::memcmp(&x, &y, sizeof(T)) == 0;
        });
    }

private:
    static size_t mappedBytes(size_t bytes)
    {
        constexpr size_t kPage = 4096;
        return (bytes + kPage - 1) / kPage * kPage;
    }

    void assign(const T *items, size_t count)
    {
        m_size = 0;
        reserve(count);
        if (count > 0)
            std::memcpy(static_cast<void *>(m_data), items, count * sizeof(T));
        m_size = count;
    }

    void reallocate(size_t capacity)
    {
        if (capacity > SIZE_MAX / sizeof(T) / 2)
            throw std::bad_alloc();
        const size_t bytes = capacity * sizeof(T);
        void *data = nullptr;
        bool mapped = false;
        if (bytes == 0) {
            release();
            return;
        }
        if (bytes >= kMapBytes) {
            mapped = true;
            if (m_mapped) {
                data = ::mremap(m_data, mappedBytes(m_capacity * sizeof(T)), mappedBytes(bytes), MREMAP_MAYMOVE);
            } else {
                data = ::mmap(nullptr, mappedBytes(bytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                if (data != MAP_FAILED && m_size > 0)
                    std::memcpy(data, static_cast<const void *>(m_data), m_size * sizeof(T));
                if (data != MAP_FAILED)
                    std::free(m_data);
            }
            if (data == MAP_FAILED)
                throw std::bad_alloc();
            // Huge pages where the system gives them on request (transparent_hugepage=madvise): one
            // page fault per 2 MiB of a growing list instead of one per 4 KiB.
            ::madvise(data, mappedBytes(bytes), MADV_HUGEPAGE);
        } else if (m_mapped) {
            data = std::malloc(bytes);
            if (!data)
                throw std::bad_alloc();
            std::memcpy(data, static_cast<const void *>(m_data), std::min(m_size, capacity) * sizeof(T));
            ::munmap(m_data, mappedBytes(m_capacity * sizeof(T)));
        } else {
            data = std::realloc(static_cast<void *>(m_data), bytes);
            if (!data)
                throw std::bad_alloc();
        }
        m_data = static_cast<T *>(data);
        m_capacity = capacity;
        m_mapped = mapped;
        m_size = std::min(m_size, capacity);
    }

    void release() noexcept
    {
        if (m_mapped)
            ::munmap(m_data, mappedBytes(m_capacity * sizeof(T)));
        else
            std::free(m_data);
        m_data = nullptr;
        m_size = 0;
        m_capacity = 0;
        m_mapped = false;
    }

    T *m_data = nullptr;
    size_t m_size = 0;
    size_t m_capacity = 0;
    bool m_mapped = false;
};

} // namespace threadlab
