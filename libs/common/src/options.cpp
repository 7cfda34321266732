#include <auditrail/common/options.hpp>

#include <charconv>
#include <cstdlib>
#include <iostream>

namespace auditrail::common {

Options::Options(std::string program, std::vector<OptionSpec> specs)
    : program_(std::move(program)), specs_(std::move(specs)) {
    for (const auto& spec : specs_) values_[spec.name] = spec.default_value;
}

bool Options::Parse(int argc, char** argv) {
    for (const auto& spec : specs_) {
        if (const char* env = spec.env.empty() ? nullptr : std::getenv(spec.env.c_str())) values_[spec.name] = env;
    }
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::cout << Help();
            return false;
        }
        if (arg.rfind("--", 0) != 0) throw OptionError("unexpected argument '" + arg + "' (see --help)");
        std::string name = arg.substr(2);
        std::string value;
        bool has_value = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
            has_value = true;
        }
        Spec(name);  // refuses unknown flags
        if (!has_value) {
            if (i + 1 >= argc) throw OptionError("--" + name + " needs a value");
            value = argv[++i];
        }
        values_[name] = value;
    }
    return true;
}

const OptionSpec& Options::Spec(const std::string& name) const {
    for (const auto& spec : specs_) {
        if (spec.name == name) return spec;
    }
    throw OptionError("unknown option --" + name + " (see --help)");
}

const std::string& Options::Get(const std::string& name) const {
    Spec(name);
    return values_.at(name);
}

std::int64_t Options::GetInt(const std::string& name, std::int64_t min, std::int64_t max) const {
    const std::string& text = Get(name);
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    const auto& spec = Spec(name);
    const std::string where = "--" + name + (spec.env.empty() ? "" : " (" + spec.env + ")");
    if (ec != std::errc() || end != text.data() + text.size()) {
        throw OptionError(where + ": '" + text + "' is not an integer");
    }
    if (value < min || value > max) {
        throw OptionError(where + ": " + text + " is outside " + std::to_string(min) + ".." + std::to_string(max));
    }
    return value;
}

std::string Options::Help() const {
    std::string out = "usage: " + program_ + " [--option VALUE]...\n\nEvery option can also be set by its "
                      "environment variable; flags win.\n\n";
    for (const auto& spec : specs_) {
        out += "  --" + spec.name;
        if (!spec.env.empty()) out += " (" + spec.env + ")";
        out += "\n      " + spec.help;
        if (!spec.default_value.empty()) out += " [default: " + spec.default_value + "]";
        out += "\n";
    }
    return out;
}

}  // namespace auditrail::common
