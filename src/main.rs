fn main() -> std::process::ExitCode {
    wbs::run(std::env::args_os())
}
