#include "page_budget.hpp"

namespace auditrail::query {

std::shared_ptr<PageBudget::Hold> PageBudget::TryReserve(std::size_t bytes) {
    if (used_.fetch_add(bytes) + bytes > capacity_) {
        used_.fetch_sub(bytes);
        return nullptr;
    }
    return std::make_shared<Hold>(*this, bytes);
}

void PageBudget::Hold::Resize(std::size_t bytes) {
    budget_.used_.fetch_add(bytes);
    budget_.used_.fetch_sub(bytes_);
    bytes_ = bytes;
}

}  // namespace auditrail::query
