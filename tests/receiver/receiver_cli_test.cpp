// keukentafel-receiver's operator commands: init (keys, certificate, config), enroll, revoke.
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "receiver_process.hpp"
#include "sync/box.hpp"

using namespace kt::test;

namespace {

int mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return int(st.st_mode & 0777);
}

// The pin of a PEM certificate, computed here independently of the receiver's code.
std::string pin_of(const fs::path& cert_file) {
    const std::string pem = read_bytes(cert_file);
    BIO* bio = BIO_new_mem_buf(pem.data(), int(pem.size()));
    X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    REQUIRE(cert != nullptr);
    unsigned char* der = nullptr;
    const int n = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der);
    unsigned char digest[32];
    SHA256(der, std::size_t(n), digest);
    OPENSSL_free(der);
    X509_free(cert);
    return "sha256//" + kt::sync::base64_encode(std::string(reinterpret_cast<char*>(digest), 32));
}

bool cert_names(const fs::path& cert_file, const std::string& host) {
    const std::string pem = read_bytes(cert_file);
    BIO* bio = BIO_new_mem_buf(pem.data(), int(pem.size()));
    X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    REQUIRE(cert != nullptr);
    const bool ok = X509_check_host(cert, host.c_str(), host.size(), 0, nullptr) == 1 ||
                    X509_check_ip_asc(cert, host.c_str(), 0) == 1;
    X509_free(cert);
    return ok;
}

}  // namespace

TEST_CASE("init makes the municipality's keys with private files 0600 and prints the TLS pin",
          "[receiver][security]") {
    TempDir tmp;
    const fs::path dir = tmp / "data";
    const auto r = run_program({"keukentafel-receiver", "init", "--data", dir.string(),
                                "--hostname", "ontvanger.gemeente.nl"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(mode_of(dir) == 0700);
    CHECK(mode_of(dir / "keys") == 0700);
    for (const char* secret : {"box.secret", "receipt.secret", "tls.key", "store.key"})
        CHECK(mode_of(dir / "keys" / secret) == 0600);
    CHECK(mode_of(dir / "config.json") == 0600);
    CHECK(read_bytes(dir / "keys" / "box.public").size() == 65);
    CHECK(read_bytes(dir / "keys" / "receipt.public").size() == 65);
    CHECK(r.out.find("tls pin: " + pin_of(dir / "keys" / "tls.crt")) != std::string::npos);
    for (const char* host : {"localhost", "127.0.0.1", "ontvanger.gemeente.nl"})
        CHECK(cert_names(dir / "keys" / "tls.crt", host));
    CHECK_FALSE(cert_names(dir / "keys" / "tls.crt", "example.org"));
    CHECK(read_bytes(dir / "config.json").find("\"listen\":\"127.0.0.1:8443\"") !=
          std::string::npos);
}

TEST_CASE(
    "init never overwrites existing keys and refuses a host name that would change the SAN list",
    "[receiver][security]") {
    TempDir tmp;
    const fs::path dir = tmp / "data";
    REQUIRE(run_program({"keukentafel-receiver", "init", "--data", dir.string()}).exit_code == 0);
    const std::string before = read_bytes(dir / "keys" / "box.secret");
    const auto again = run_program({"keukentafel-receiver", "init", "--data", dir.string()});
    CHECK(again.exit_code == 4);
    CHECK(read_bytes(dir / "keys" / "box.secret") == before);
    const auto bad = run_program({"keukentafel-receiver", "init", "--data",
                                  (tmp / "other").string(), "--hostname", "a,DNS:evil"});
    CHECK(bad.exit_code == 1);
    CHECK(run_program({"keukentafel-receiver", "init"}).exit_code == 1);
    CHECK(run_program({"keukentafel-receiver", "frobnicate", "--data", "x"}).exit_code == 1);
}

TEST_CASE(
    "enroll prints a one-time code with the pin and a QR code and revoke knows only real devices",
    "[receiver]") {
    ReceiverData data;
    const auto r = data.run({"enroll", "--device", "tablet-oost-3", "--team", "Oost"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("pin: " + data.pin) != std::string::npos);
    CHECK(r.out.find("keukentafel-enroll:v1?code=") != std::string::npos);
    CHECK(r.out.find("\u2588\u2588\u2588\u2588") != std::string::npos);  // the quiet zone
    CHECK(data.enroll("tablet-oost-3") != data.enroll("tablet-oost-3"));
    CHECK(data.run({"enroll", "--device", "a;b", "--team", "Oost"}).exit_code == 1);
    CHECK(data.revoke("no-such-tablet") == 3);
}

TEST_CASE("every file the receiver creates in its data directory is its user's alone",
          "[receiver][security]") {
    ReceiverData data;
    REQUIRE(data.run({"enroll", "--device", "tablet-west-1", "--team", "West"}).exit_code == 0);
    REQUIRE(data.run({"enroll", "--device", "tablet-west-2", "--team", "West"}).exit_code == 0);
    int files = 0;
    for (const auto& e : fs::recursive_directory_iterator(data.dir)) {
        CAPTURE(e.path().string());
        if (e.is_directory()) {
            CHECK(mode_of(e.path()) == 0700);
        } else {
            CHECK(mode_of(e.path()) == 0600);  // the store and its -wal/-shm too
            ++files;
        }
    }
    CHECK(files >= 6);  // keys, config, and the store at least
}
