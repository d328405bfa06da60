// The target that precompiles the headers every test starts with (tests/CMakeLists.txt,
// threadlab_test_headers); it has no code of its own.
