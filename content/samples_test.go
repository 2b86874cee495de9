package content

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Code samples in the documents are fenced blocks tagged with one of these
// languages. go, json, js and python samples are checked:
//
//   - go: a block that starts with "package" is a complete file; any other
//     Go block is a sequence of statements and is parsed as the body of a
//     function. Both are parsed with go/parser.
//   - json: encoding/json must accept it.
//   - js: `node --check` must accept it. A block that uses import or export
//     is checked as an ES module with `node --check`; the others, CommonJS,
//     are compiled the way `node --check` does, all in one node process.
//   - python: `python3 -m py_compile` must accept it.
//   - java: javac's parser must accept it (a parse only: Spring, which the
//     samples use, is not there to compile against).
//   - ruby: `ruby -c` must accept it; php: `php -l` must accept it.
//
// C# samples are not checked: no C# compiler is available to the tests.
var sampleLanguages = map[string]bool{
	"go": true, "js": true, "python": true, "json": true, "java": true, "ruby": true,
	"csharp": true, "php": true, "http": true, "text": true, "sh": true,
}

type sample struct {
	doc  string // document key
	line int    // line of the opening fence in the body
	lang string
	code string
}

func (s sample) String() string { return fmt.Sprintf("%s.md body line %d (%s)", s.doc, s.line, s.lang) }

// extractSamples returns the fenced code blocks of a markdown body, and an
// error for a block that is not closed.
func extractSamples(key, body string) ([]sample, error) {
	var out []sample
	lines := strings.Split(body, "\n")
	for i := 0; i < len(lines); i++ {
		trimmed := strings.TrimLeft(lines[i], " ")
		fence := fenceOpener(trimmed)
		if fence == "" {
			continue
		}
		lang, _, _ := strings.Cut(strings.TrimSpace(trimmed[len(fence):]), " ")
		start := i
		var code []string
		for i++; i < len(lines); i++ {
			l := strings.TrimLeft(lines[i], " ")
			if strings.HasPrefix(l, fence) && strings.Trim(l, fence[:1]+" ") == "" {
				break
			}
			code = append(code, lines[i])
		}
		if i == len(lines) {
			return out, fmt.Errorf("%s.md body line %d: code block is not closed", key, start+1)
		}
		out = append(out, sample{key, start + 1, lang, strings.Join(code, "\n") + "\n"})
	}
	return out, nil
}

// samples returns the fenced code blocks of every document in lang, or of
// every language when lang is "".
func samples(t *testing.T, lang string) []sample {
	t.Helper()
	var out []sample
	for _, d := range All() {
		ss, err := extractSamples(d.Key, d.Markdown)
		if err != nil {
			t.Error(err)
		}
		for _, s := range ss {
			if lang == "" || s.lang == lang {
				out = append(out, s)
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("no %s code samples found", lang)
	}
	return out
}

func checkGo(s sample) error {
	src := s.code
	if !strings.HasPrefix(strings.TrimSpace(src), "package ") {
		src = "package sample\n\nfunc _() {\n" + src + "}\n"
	}
	_, err := parser.ParseFile(token.NewFileSet(), s.String(), src, parser.AllErrors)
	return err
}

func checkJSON(s sample) error {
	var v any
	return json.Unmarshal([]byte(s.code), &v)
}

// nodeCheck compiles every CommonJS file named on the command line the way
// `node --check` does (inside the module wrapper, without running it), in
// one process, and prints "file: error" for each that fails.
const nodeCheck = `
const fs = require("node:fs");
const vm = require("node:vm");
const { wrap } = require("node:module");
let failed = false;
for (const file of process.argv.slice(1)) {
  try {
    new vm.Script(wrap(fs.readFileSync(file, "utf8")), { filename: file });
  } catch (e) {
    failed = true;
    console.log(file + ": " + e);
  }
}
process.exit(failed ? 1 : 0);
`

// checkJS checks JavaScript samples with node, writing them under dir.
func checkJS(node, dir string, ss []sample) error {
	var errs []error
	var common []string
	where := map[string]sample{}
	for i, s := range ss {
		module := strings.Contains(s.code, "import ") || strings.Contains(s.code, "export ")
		ext := ".cjs"
		if module {
			ext = ".mjs"
		}
		file := filepath.Join(dir, fmt.Sprintf("sample%d%s", i, ext))
		if err := os.WriteFile(file, []byte(s.code), 0o600); err != nil {
			return err
		}
		where[file] = s
		if !module {
			common = append(common, file)
			continue
		}
		if out, err := exec.Command(node, "--check", file).CombinedOutput(); err != nil {
			errs = append(errs, fmt.Errorf("%v: node --check: %v\n%s", s, err, out))
		}
	}
	if len(common) > 0 {
		out, err := exec.Command(node, append([]string{"-e", nodeCheck}, common...)...).CombinedOutput()
		if err != nil {
			errs = append(errs, fmt.Errorf("node: %v\n%s", err, relabel(string(out), where)))
		}
	}
	return errors.Join(errs...)
}

// checkPython checks Python samples with one py_compile run (a process per
// sample is slow); py_compile stops at the first file that fails and names
// it. Byte code goes under dir.
func checkPython(python, dir string, ss []sample) error {
	var files []string
	where := map[string]sample{}
	for i, s := range ss {
		file := filepath.Join(dir, fmt.Sprintf("sample%d.py", i))
		if err := os.WriteFile(file, []byte(s.code), 0o600); err != nil {
			return err
		}
		files = append(files, file)
		where[file] = s
	}
	cmd := exec.Command(python, append([]string{"-m", "py_compile"}, files...)...)
	cmd.Env = append(os.Environ(), "PYTHONPYCACHEPREFIX="+filepath.Join(dir, "pycache"))
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("py_compile: %v\n%s", err, relabel(string(out), where))
	}
	return nil
}

// javaParse parses the Java files named on its command line with javac's
// parser alone, without resolving names, and prints "file:line: error" for
// each syntax error. It runs as a single-file source program.
const javaParse = `
import com.sun.source.util.JavacTask;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

public class JavaParse {
    public static void main(String[] args) throws Exception {
        var compiler = ToolProvider.getSystemJavaCompiler();
        var diags = new DiagnosticCollector<JavaFileObject>();
        List<File> files = new ArrayList<>();
        for (String a : args) {
            files.add(new File(a));
        }
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diags, null, null)) {
            var task = (JavacTask) compiler.getTask(null, fm, diags, List.of("-proc:none"), null,
                    fm.getJavaFileObjectsFromFiles(files));
            task.parse();
        }
        boolean failed = false;
        for (var d : diags.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                failed = true;
                System.out.println(d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null));
            }
        }
        System.exit(failed ? 1 : 0);
    }
}
`

// checkJava parses Java samples with javac's parser, in one java process,
// writing them under dir.
func checkJava(java, dir string, ss []sample) error {
	prog := filepath.Join(dir, "JavaParse.java")
	if err := os.WriteFile(prog, []byte(javaParse), 0o600); err != nil {
		return err
	}
	args := []string{prog}
	where := map[string]sample{}
	for i, s := range ss {
		file := filepath.Join(dir, fmt.Sprintf("Sample%d.java", i))
		if err := os.WriteFile(file, []byte(s.code), 0o600); err != nil {
			return err
		}
		args = append(args, file)
		where[file] = s
	}
	if out, err := exec.Command(java, args...).CombinedOutput(); err != nil {
		return fmt.Errorf("javac parser: %v\n%s", err, relabel(string(out), where))
	}
	return nil
}

// checkEach runs tool with args and a sample's file for each sample (ruby -c
// and php -l take one file at a time), writing them under dir.
func checkEach(dir, ext string, ss []sample, tool string, args ...string) error {
	var errs []error
	for i, s := range ss {
		file := filepath.Join(dir, fmt.Sprintf("sample%d%s", i, ext))
		if err := os.WriteFile(file, []byte(s.code), 0o600); err != nil {
			return err
		}
		out, err := exec.Command(tool, append(args, file)...).CombinedOutput()
		if err != nil {
			errs = append(errs, fmt.Errorf("%v: %s %v\n%s", s, filepath.Base(tool), err,
				relabel(string(out), map[string]sample{file: s})))
		}
	}
	return errors.Join(errs...)
}

// relabel replaces temporary file names in tool output by the samples'
// places in the documents.
func relabel(out string, where map[string]sample) string {
	for file, s := range where {
		out = strings.ReplaceAll(out, file, s.String())
	}
	return out
}

func TestSampleLanguages(t *testing.T) {
	for _, s := range samples(t, "") {
		if !sampleLanguages[s.lang] {
			t.Errorf("%v: code block language %q, want one of go, js, python, json, java, ruby, csharp, php, http, text, sh", s, s.lang)
		}
	}
}

func TestGoSamples(t *testing.T) {
	for _, s := range samples(t, "go") {
		if err := checkGo(s); err != nil {
			t.Errorf("%v does not parse:\n%v", s, err)
		}
	}
}

func TestJSONSamples(t *testing.T) {
	for _, s := range samples(t, "json") {
		if err := checkJSON(s); err != nil {
			t.Errorf("%v is not valid JSON: %v\n%s", s, err, s.code)
		}
	}
}

// TestToolSamples checks the samples of each language that needs an outside tool, skipping a
// language whose tool is not installed.
func TestToolSamples(t *testing.T) {
	for _, tt := range []struct {
		lang, tool string
		check      func(tool, dir string, ss []sample) error
	}{
		{"js", "node", checkJS},
		{"python", "python3", checkPython},
		{"java", "java", checkJava},
		{"ruby", "ruby", func(tool, dir string, ss []sample) error { return checkEach(dir, ".rb", ss, tool, "-c") }},
		{"php", "php", func(tool, dir string, ss []sample) error { return checkEach(dir, ".php", ss, tool, "-l") }},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			path, err := exec.LookPath(tt.tool)
			if err != nil {
				t.Skipf("%s is not installed: %s samples not checked", tt.tool, tt.lang)
			}
			if err := tt.check(path, t.TempDir(), samples(t, tt.lang)); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestCheckersReject makes sure each checker fails on a broken sample, so
// that the tests above can fail.
func TestCheckersReject(t *testing.T) {
	broken := func(lang, code string) sample { return sample{"broken", 1, lang, code} }
	if err := checkGo(broken("go", "x := \n")); err == nil {
		t.Error("checkGo accepted a broken statement")
	}
	if err := checkGo(broken("go", "package main\n\nfunc main() {\n")); err == nil {
		t.Error("checkGo accepted a broken file")
	}
	if err := checkGo(broken("go", "x := 1\n_ = x\n")); err != nil {
		t.Errorf("checkGo rejected statements: %v", err)
	}
	if err := checkJSON(broken("json", "{\"a\": 1,}\n")); err == nil {
		t.Error("checkJSON accepted a trailing comma")
	}
	if _, err := extractSamples("broken", "```go\nx := 1\n"); err == nil {
		t.Error("extractSamples accepted an unclosed block")
	}
	if node, err := exec.LookPath("node"); err == nil {
		err := checkJS(node, t.TempDir(), []sample{
			broken("js", "const ok = 1;\n"),
			broken("js", "function f( {\n"),
			broken("js", "export const = 1;\n"),
		})
		if err == nil || !strings.Contains(err.Error(), "broken.md body line 1 (js)") ||
			!strings.Contains(err.Error(), "node --check") {
			t.Errorf("checkJS = %v, want errors for the CommonJS and the module sample", err)
		}
	}
	if python, err := exec.LookPath("python3"); err == nil {
		err := checkPython(python, t.TempDir(), []sample{broken("python", "x = 1\n"), broken("python", "def f(:\n")})
		if err == nil || !strings.Contains(err.Error(), "broken.md body line 1 (python)") {
			t.Errorf("checkPython = %v, want an error naming the sample", err)
		}
	}
	if java, err := exec.LookPath("java"); err == nil {
		err := checkJava(java, t.TempDir(), []sample{
			broken("java", "class A { void f() { g(); } }\n"), // unknown names parse
			broken("java", "class B { void f( { }\n"),
		})
		if err == nil || !strings.Contains(err.Error(), "broken.md body line 1 (java):1:") {
			t.Errorf("checkJava = %v, want a syntax error naming the sample", err)
		}
		if err != nil && strings.Count(err.Error(), "(java):") != strings.Count(err.Error(), "(java):1:") {
			t.Errorf("checkJava reported more than line 1: %v", err)
		}
	}
	for _, tt := range []struct{ tool, ext, flag, good, bad string }{
		{"ruby", ".rb", "-c", "def f\n  g\nend\n", "def f\n  g(\nend\n"},
		{"php", ".php", "-l", "<?php\necho 1;\n", "<?php\necho 1\n"},
	} {
		tool, err := exec.LookPath(tt.tool)
		if err != nil {
			continue
		}
		dir := t.TempDir()
		if err := checkEach(dir, tt.ext, []sample{broken(tt.tool, tt.good)}, tool, tt.flag); err != nil {
			t.Errorf("%s rejected a good sample: %v", tt.tool, err)
		}
		err = checkEach(dir, tt.ext, []sample{broken(tt.tool, tt.bad)}, tool, tt.flag)
		if err == nil || !strings.Contains(err.Error(), "broken.md body line 1 ("+tt.tool+")") {
			t.Errorf("%s = %v, want an error naming the sample", tt.tool, err)
		}
	}
}
