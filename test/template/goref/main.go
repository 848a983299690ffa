// goref renders Go text/template cases with sprig v3 (TxtFuncMap) plus a faithful subset of helmfile's template
// functions (pkg/tmpl, helmfile v1.8.0), so that the TypeScript engine can be differential-tested against Go.
//
//	goref < cases.json > results.json      # [{name, template, data?, dataYaml?, missingKey?, env?, baseDir?, templates?}]
//	goref -bench N -template F -data-yaml D # renders F N times with D as data; prints "elapsed_ns <n>"
//	goref -bcrypt-check < [{hash, password}] # verifies bcrypt hashes (sprig's bcrypt output is salted at random)
//	goref -x509-check < [{cert, key, ca}]    # parses certificates with crypto/x509 and verifies them against ca
//	goref -func-names                        # the names of sprig's and helmfile's functions, as a JSON array
package main

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"text/template"
	"time"

	"github.com/Masterminds/sprig/v3"
	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/crypto/bcrypt"
)

type tplDef struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

type testCase struct {
	Name       string            `json:"name"`
	Template   string            `json:"template"`
	Data       json.RawMessage   `json:"data"`
	DataYaml   *string           `json:"dataYaml"`
	MissingKey string            `json:"missingKey"`
	Env        map[string]string `json:"env"`
	BaseDir    string            `json:"baseDir"`
	Templates  []tplDef          `json:"templates"`
	Disable    bool              `json:"disableInsecureFeatures"`
}

type result struct {
	Name   string  `json:"name"`
	Output *string `json:"output,omitempty"`
	Error  *string `json:"error,omitempty"`
}

// jsonToGo turns decoded JSON (UseNumber) into the values helmfile sees: integral numbers are int, others float64.
func jsonToGo(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = jsonToGo(e)
		}
		return t
	case []any:
		for i, e := range t {
			t[i] = jsonToGo(e)
		}
		return t
	case json.Number:
		// Mirror the TypeScript model: a JS number is a Go int when it is a safe integer, else a float64.
		f, _ := t.Float64()
		if f == float64(int64(f)) && f <= 9007199254740991 && f >= -9007199254740991 {
			return int(f)
		}
		return f
	default:
		return v
	}
}

type renderer struct {
	baseDir    string
	missingKey string
	disable    bool
	extra      []tplDef
}

var errDisabled = errors.New("HELMFILE_DISABLE_INSECURE_FEATURES or HELMFILE_DISABLE_INSECURE_TEMPLATE_FUNCTIONS is active, insecure function calls are disabled")

func (r *renderer) abs(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(r.baseDir, p)
}

func (r *renderer) envExec(envs map[string]any, command string, args []any, inputs ...string) (string, error) {
	if r.disable {
		return "", errDisabled
	}
	strArgs := make([]string, len(args))
	for i, a := range args {
		s, ok := a.(string)
		if !ok {
			return "", fmt.Errorf("unexpected type of arg \"%s\" in args %v at index %d", reflect.TypeOf(a), args, i)
		}
		strArgs[i] = s
	}
	cmd := exec.Command(command, strArgs...)
	cmd.Dir = r.baseDir
	if envs != nil {
		cmd.Env = os.Environ()
		for k, v := range envs {
			s, ok := v.(string)
			if !ok {
				return "", fmt.Errorf("unexpected type of env \"%s\" in envs %v at index %s", reflect.TypeOf(v), envs, k)
			}
			cmd.Env = append(cmd.Env, fmt.Sprintf("%s=%s", k, s))
		}
	}
	if len(inputs) > 0 {
		cmd.Stdin = strings.NewReader(inputs[0])
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s: %v: %s", command, err, stderr.String())
	}
	return string(out), nil
}

func stringifyKeys(v any) (any, error) {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			c, err := stringifyKeys(e)
			if err != nil {
				return nil, err
			}
			t[k] = c
		}
		return t, nil
	case map[any]any:
		m := map[string]any{}
		for k, e := range t {
			s, ok := k.(string)
			if !ok {
				return nil, fmt.Errorf("unexpected type of key in map: expected string, got %T: value=%v, map=%v", k, k, t)
			}
			c, err := stringifyKeys(e)
			if err != nil {
				return nil, err
			}
			m[s] = c
		}
		return m, nil
	case []any:
		a := []any{}
		for _, e := range t {
			c, err := stringifyKeys(e)
			if err != nil {
				return nil, err
			}
			a = append(a, c)
		}
		return a, nil
	}
	return v, nil
}

func toYaml(v any) (string, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	err := enc.Encode(v)
	_ = enc.Close()
	return b.String(), err
}

func fromYaml(str string) (any, error) {
	var m any
	if err := yaml.Unmarshal([]byte(str), &m); err != nil {
		return nil, fmt.Errorf("%s, offending yaml: %s", err, str)
	}
	m, err := stringifyKeys(m)
	if err != nil {
		return nil, fmt.Errorf("%s, offending yaml: %s", err, str)
	}
	return m, nil
}

func (r *renderer) newTemplate() *template.Template {
	t := template.New("stringTemplate").Option("missingkey=" + r.missingKey)
	t.Funcs(r.funcMap(t))
	return t
}

// funcMap is sprig's TxtFuncMap plus helmfile's functions, composed as helmfile does; include executes templates of t.
func (r *renderer) funcMap(t *template.Template) template.FuncMap {
	funcMap := sprig.TxtFuncMap()
	funcMap["sprigGet"] = funcMap["get"]
	for k, f := range r.helmfileFuncs() {
		funcMap[k] = f
	}
	included := map[string]int{}
	funcMap["include"] = func(name string, data any) (string, error) {
		var buf strings.Builder
		if v, ok := included[name]; ok {
			if v > 1000 {
				return "", fmt.Errorf("rendering template has a nested reference name: %s: unable to execute template", name)
			}
			included[name]++
		} else {
			included[name] = 1
		}
		err := t.ExecuteTemplate(&buf, name, data)
		included[name]--
		return buf.String(), err
	}
	return funcMap
}

func (r *renderer) render(name, text string, data any) (string, error) {
	t := r.newTemplate()
	for _, x := range r.extra {
		var err error
		if _, err = t.New(x.Name).Parse(x.Text); err != nil {
			return "", fmt.Errorf("failed to parse helper template %s: %v", x.Name, err)
		}
	}
	t2, err := t.New(name).Parse(text)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := t2.Execute(&buf, data); err != nil {
		return "", err
	}
	return buf.String(), nil
}

func (r *renderer) helmfileFuncs() template.FuncMap {
	return template.FuncMap{
		"envExec": r.envExec,
		"exec": func(command string, args []any, inputs ...string) (string, error) {
			return r.envExec(nil, command, args, inputs...)
		},
		"isFile": func(f string) (bool, error) {
			st, err := os.Stat(r.abs(f))
			if err == nil {
				return !st.IsDir(), nil
			}
			if errors.Is(err, os.ErrNotExist) {
				return false, nil
			}
			return false, err
		},
		"isDir": func(f string) (bool, error) {
			st, err := os.Stat(r.abs(f))
			if err == nil {
				return st.IsDir(), nil
			}
			if errors.Is(err, os.ErrNotExist) {
				return false, nil
			}
			return false, err
		},
		"readFile": func(f string) (string, error) {
			if r.disable {
				return "", errDisabled
			}
			b, err := os.ReadFile(r.abs(f))
			return string(b), err
		},
		"readDir": func(p string) ([]string, error) {
			if r.disable {
				return nil, errDisabled
			}
			entries, err := os.ReadDir(r.abs(p))
			if err != nil {
				return nil, fmt.Errorf("ReadDir %q: %w", r.abs(p), err)
			}
			var paths []string
			for _, e := range entries {
				if !e.IsDir() {
					paths = append(paths, filepath.Join(p, e.Name()))
				}
			}
			return paths, nil
		},
		"readDirEntries": func(p string) ([]os.DirEntry, error) {
			if r.disable {
				return nil, errDisabled
			}
			entries, err := os.ReadDir(r.abs(p))
			if err != nil {
				return nil, fmt.Errorf("ReadDirEntries %q: %w", r.abs(p), err)
			}
			return entries, nil
		},
		"toYaml":   toYaml,
		"fromYaml": fromYaml,
		"setValueAtPath": func(path string, value any, values map[string]any) (map[string]any, error) {
			var current any = values
			components := strings.Split(path, ".")
			key := components[len(components)-1]
			for _, k := range components[:len(components)-1] {
				m, ok := current.(map[string]any)
				if !ok {
					return nil, fmt.Errorf("failed to set value at path \"%s\": value for key \"%s\" was not a map", path, k)
				}
				v, exists := m[k]
				if !exists {
					return nil, fmt.Errorf("failed to set value at path \"%s\": value for key \"%s\" does not exist", path, k)
				}
				if _, ok := v.(map[string]any); !ok {
					return nil, fmt.Errorf("failed to set value at path \"%s\": value for key \"%s\" was not a map", path, k)
				}
				current = v
			}
			m, ok := current.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("failed to set value at path \"%s\": value for key \"%s\" was not a map", path, key)
			}
			m[key] = value
			return values, nil
		},
		"requiredEnv": func(name string) (string, error) {
			if val, ok := os.LookupEnv(name); ok && len(val) > 0 {
				return val, nil
			}
			return "", fmt.Errorf("required env var `%s` is not set", name)
		},
		"get":      get,
		"getOrNil": getOrNil,
		"tpl": func(text string, data any) (string, error) {
			return r.render("stringTemplate", text, data)
		},
		"required": func(warn string, val any) (any, error) {
			if val == nil {
				return nil, fmt.Errorf("%s", warn)
			} else if s, ok := val.(string); ok && s == "" {
				return nil, fmt.Errorf("%s", warn)
			}
			return val, nil
		},
	}
}

type noValueError struct{ msg string }

func (e *noValueError) Error() string { return e.msg }

func get(path string, varArgs ...any) (any, error) {
	var defSet bool
	var def, obj any
	switch len(varArgs) {
	case 1:
		obj = varArgs[0]
	case 2:
		defSet, def, obj = true, varArgs[0], varArgs[1]
	default:
		return nil, fmt.Errorf("unexpected number of args passed to the template function get(path, [def, ]obj): expected 1 or 2, got %d, args was %v", len(varArgs), varArgs)
	}
	if path == "" {
		return obj, nil
	}
	keys := strings.Split(path, ".")
	var v any
	var ok bool
	switch typedObj := obj.(type) {
	case map[string]any:
		v, ok = typedObj[keys[0]]
		if !ok {
			if defSet {
				return def, nil
			}
			return nil, &noValueError{fmt.Sprintf("no value exist for key \"%s\" in %v", keys[0], typedObj)}
		}
	case map[string]string:
		v, ok = typedObj[keys[0]]
		if !ok {
			if defSet {
				return def, nil
			}
			return nil, &noValueError{fmt.Sprintf("no value exist for key \"%s\" in %v", keys[0], typedObj)}
		}
		return v, nil
	default:
		return nil, &noValueError{fmt.Sprintf("unexpected type(%v) of value for key \"%s\": it must be either map[string]any or any struct", reflect.TypeOf(obj), keys[0])}
	}
	if defSet {
		return get(strings.Join(keys[1:], "."), def, v)
	}
	return get(strings.Join(keys[1:], "."), v)
}

func getOrNil(path string, o any) (any, error) {
	v, err := get(path, o)
	if err != nil {
		var nv *noValueError
		if errors.As(err, &nv) {
			return nil, nil
		}
		return nil, err
	}
	return v, nil
}

func decodeData(c *testCase) (any, error) {
	if c.DataYaml != nil {
		var d any
		if err := yaml.Unmarshal([]byte(*c.DataYaml), &d); err != nil {
			return nil, err
		}
		return stringifyKeys(d)
	}
	if len(c.Data) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(c.Data))
	dec.UseNumber()
	var d any
	if err := dec.Decode(&d); err != nil {
		return nil, err
	}
	return jsonToGo(d), nil
}

func runCase(c *testCase) (res result) {
	res.Name = c.Name
	defer func() {
		if p := recover(); p != nil {
			s := fmt.Sprintf("goref panic: %v", p)
			res.Output, res.Error = nil, &s
		}
	}()
	var saved = map[string]*string{}
	for k, v := range c.Env {
		if old, ok := os.LookupEnv(k); ok {
			saved[k] = &old
		} else {
			saved[k] = nil
		}
		if v == "\x00unset" {
			os.Unsetenv(k)
		} else {
			os.Setenv(k, v)
		}
	}
	defer func() {
		for k, v := range saved {
			if v == nil {
				os.Unsetenv(k)
			} else {
				os.Setenv(k, *v)
			}
		}
	}()
	data, err := decodeData(c)
	if err != nil {
		s := "goref: bad data: " + err.Error()
		res.Error = &s
		return
	}
	mk := c.MissingKey
	if mk == "" {
		mk = "error"
	}
	name := c.Name
	if name == "" {
		name = "case"
	}
	r := &renderer{baseDir: c.BaseDir, missingKey: mk, disable: c.Disable, extra: c.Templates}
	out, err := r.render(name, c.Template, data)
	if err != nil {
		s := err.Error()
		res.Error = &s
	} else {
		res.Output = &out
	}
	return
}

func main() {
	bench := flag.Int("bench", 0, "render -template N times and print the elapsed nanoseconds")
	tplFile := flag.String("template", "", "template file for -bench")
	dataYaml := flag.String("data-yaml", "", "YAML data file for -bench")
	bcryptCheck := flag.Bool("bcrypt-check", false, "verify [{hash, password}] from stdin with golang.org/x/crypto/bcrypt")
	x509Check := flag.Bool("x509-check", false, "describe and verify [{cert, key, ca}] from stdin with crypto/x509")
	funcNames := flag.Bool("func-names", false, "print the names of the template functions (text/template builtins excluded) as a sorted JSON array")
	flag.Parse()
	if *funcNames {
		names := []string{}
		for k := range (&renderer{}).funcMap(template.New("names")) {
			names = append(names, k)
		}
		sort.Strings(names)
		if err := json.NewEncoder(os.Stdout).Encode(names); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if *x509Check {
		var items []struct{ Cert, Key, CA string }
		if err := json.NewDecoder(os.Stdin).Decode(&items); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		out := make([]map[string]any, len(items))
		for i, it := range items {
			res := map[string]any{}
			out[i] = res
			block, _ := pem.Decode([]byte(it.Cert))
			if block == nil {
				res["error"] = "no PEM"
				continue
			}
			c, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				res["error"] = err.Error()
				continue
			}
			ips := []string{}
			for _, ip := range c.IPAddresses {
				ips = append(ips, ip.String())
			}
			res["cn"], res["dns"], res["ips"], res["isCA"] = c.Subject.CommonName, c.DNSNames, ips, c.IsCA
			res["keyUsage"], res["extKeyUsage"], res["validDays"] = int(c.KeyUsage), c.ExtKeyUsage, int(c.NotAfter.Sub(c.NotBefore).Hours()/24+0.5)
			res["skid"], res["akid"], res["serialBits"] = len(c.SubjectKeyId), len(c.AuthorityKeyId), c.SerialNumber.BitLen()
			if it.Key != "" {
				kb, _ := pem.Decode([]byte(it.Key))
				res["keyType"] = kb.Type
			}
			roots := x509.NewCertPool()
			caPEM := it.CA
			if caPEM == "" {
				caPEM = it.Cert
			}
			roots.AppendCertsFromPEM([]byte(caPEM))
			_, err = c.Verify(x509.VerifyOptions{Roots: roots, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
			res["verified"] = err == nil
			if err != nil {
				res["verifyError"] = err.Error()
			}
		}
		_ = json.NewEncoder(os.Stdout).Encode(out)
		return
	}
	if *bcryptCheck {
		var pairs []struct{ Hash, Password string }
		if err := json.NewDecoder(os.Stdin).Decode(&pairs); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		res := make([]bool, len(pairs))
		for i, p := range pairs {
			res[i] = bcrypt.CompareHashAndPassword([]byte(p.Hash), []byte(p.Password)) == nil
		}
		_ = json.NewEncoder(os.Stdout).Encode(res)
		return
	}
	if *bench > 0 {
		text, err := os.ReadFile(*tplFile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		dy := ""
		if *dataYaml != "" {
			b, err := os.ReadFile(*dataYaml)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			dy = string(b)
		}
		c := &testCase{Name: *tplFile, Template: string(text), DataYaml: &dy, BaseDir: filepath.Dir(*tplFile)}
		data, err := decodeData(c)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		r := &renderer{baseDir: c.BaseDir, missingKey: "error"}
		start := time.Now()
		size := 0
		for i := 0; i < *bench; i++ {
			out, err := r.render(c.Name, c.Template, data)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			size = len(out)
		}
		fmt.Printf("elapsed_ns %d\noutput_bytes %d\n", time.Since(start).Nanoseconds(), size)
		return
	}
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var cases []testCase
	if err := json.Unmarshal(in, &cases); err != nil {
		fmt.Fprintln(os.Stderr, "goref: cannot parse cases:", err)
		os.Exit(1)
	}
	out := make([]result, len(cases))
	for i := range cases {
		out[i] = runCase(&cases[i])
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(out)
}
