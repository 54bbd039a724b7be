// Overloaded{lambdas...}: one visitor for std::visit from a set of lambdas.
#pragma once

namespace kt {

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace kt
