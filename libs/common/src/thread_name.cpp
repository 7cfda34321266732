#include <auditrail/common/thread_name.hpp>

#include <pthread.h>

namespace auditrail::common {

void NameThisThread(const std::string& name) {
    // The kernel keeps 15 bytes and a NUL; longer names are refused (ERANGE), so cut them.
    const std::string kept = name.substr(0, 15);
    pthread_setname_np(pthread_self(), kept.c_str());
}

}  // namespace auditrail::common
