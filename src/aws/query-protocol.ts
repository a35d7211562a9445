// The SDK's AWS query protocol (IAM, STS), reading plain answers with aws/quick-xml.ts instead of the SDK's
// XML parser: the same objects at a fraction of the CPU and the garbage. It is given to a client through the
// SDK's `protocol` setting, and it changes one protected method of the SDK's own deserializer: everything
// else (the schema, errors, the metadata) is the SDK's. An answer the quick reader declines goes to the SDK's
// parser, the reference.
import { AwsQueryProtocol, XmlShapeDeserializer } from "./sdk/aws-protocols.js";
import { getValueFromTextNode } from "./sdk/smithy-client.js";
import { quickXml } from "./quick-xml.js";

export class QuickXmlDeserializer extends XmlShapeDeserializer {
  protected override parseXml(xml: string): unknown {
    const root = xml.length > 0 ? quickXml(xml) : undefined;
    if (!root) return super.parseXml(xml);
    // What the SDK's parseXml does with its parser's result: the root's own text (an element that has both
    // text and children or attributes) goes under the root's name, and every `#text` below is unwrapped.
    // A root that holds only text is a string here, which has no `#text`.
    const value = root.value as Record<string, unknown>;
    if (value["#text"]) {
      value[root.tag] = value["#text"];
      delete value["#text"];
    }
    return getValueFromTextNode(value);
  }
}

export class QuickXmlQueryProtocol extends AwsQueryProtocol {
  constructor(options: ConstructorParameters<typeof AwsQueryProtocol>[0]) {
    super(options);
    // Built before the client hands the protocol its serde context, which reaches this deserializer.
    this.deserializer = new QuickXmlDeserializer(this.deserializer.settings);
  }
}
