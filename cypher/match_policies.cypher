// Policies already in the graph whose document number or normalised title matches, to link
// citations to them and to replace placeholders a new document makes real.
// @param docNumbers: ["东发〔2022〕26号"]
// @param titleKeys: ["关于实施人才振兴计划促进东川高质量发展的意见"]
MATCH (n:Policy)
WHERE n.docNumber IN $docNumbers OR n.titleKey IN $titleKeys
RETURN n.id AS id, n.docNumber AS docNumber, n.titleKey AS titleKey, n.placeholder AS placeholder, n.documentKey AS documentKey
