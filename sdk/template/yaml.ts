/**
 * YAML as helmfile's Go code sees it (go.yaml.in/yaml/v3, the default since helmfile v1): decoding into interface{}
 * (map[string]interface{}, []interface{}, int, float64, bool, nil; unquoted timestamps become time.Time) and Marshal
 * with indent 2.
 */
export { decodeYaml, decodeYamlStrict, YamlError } from "./yamlv3/decode";
export { encodeYaml, yamlKeyLess } from "./yamlv3/encode";
export { resolvePlain } from "./yamlv3/resolve";
