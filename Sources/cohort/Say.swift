import Foundation

/// Prints a line at once, even when standard output is a pipe (scripts and tests
/// wait for the server's "serving on" line).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
