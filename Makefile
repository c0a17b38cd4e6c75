# Shortcuts; the scripts are the source of truth (README).
.PHONY: run test build format tidy bench
run:
	scripts/run.sh
test:
	scripts/test.sh
build:
	cmake --preset debug && cmake --build --preset debug -j$$(nproc)
format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i
tidy:
	cmake --preset debug && git ls-files 'src/*.cpp' | xargs -P$$(nproc) -n4 clang-tidy -p build/debug --quiet
bench:
	bench/http/run.sh
