// The OWL API's own OWL 2 DL profile check of one ontology document, for tests/test_ontology.py.
// Compiled and run against the OWL API (3.4) that owlready2 ships inside HermiT.jar:
//   javac -cp .../owlready2/hermit/HermiT.jar -d CLASSES tests/owl_dl_profile.java
//   java -cp .../owlready2/hermit/HermiT.jar:CLASSES OwlDlProfile ONTOLOGY.owl
// Prints each triple the parser could not map to an OWL 2 axiom ("UNPARSED") and each violation of
// the OWL 2 DL profile ("VIOLATION"), then "OWL 2 DL: true|false"; exits 0 only when there are none.
import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.io.RDFOntologyFormat;
import org.semanticweb.owlapi.io.RDFResource;
import org.semanticweb.owlapi.io.RDFTriple;
import org.semanticweb.owlapi.model.OWLAnnotation;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyFormat;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

class OwlDlProfile {  // not public: the file is named for the test, not the class
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new FileDocumentSource(new File(args[0])));
        List<String> problems = new ArrayList<>();
        OWLOntologyFormat format = manager.getOntologyFormat(ontology);
        if (format instanceof RDFOntologyFormat && ((RDFOntologyFormat) format).getOntologyLoaderMetaData() != null) {
            for (RDFTriple triple : ((RDFOntologyFormat) format).getOntologyLoaderMetaData().getUnparsedTriples()) {
                if (!isOntologyAnnotation(ontology, triple)) {
                    problems.add("UNPARSED " + triple);
                }
            }
        }
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        for (OWLProfileViolation violation : report.getViolations()) {
            problems.add("VIOLATION " + violation.getClass().getSimpleName() + ": " + violation);
        }
        for (String problem : problems) {
            System.out.println(problem);
        }
        System.out.println("axioms: " + ontology.getAxiomCount() + "; OWL 2 DL: " + problems.isEmpty());
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    // OWL API 3.4 lists an ontology annotation with an IRI value (dct:license <...>) among the
    // unparsed triples although it did read it as an annotation of the ontology.
    static boolean isOntologyAnnotation(OWLOntology ontology, RDFTriple triple) {
        RDFResource subject = triple.getSubject();
        if (subject.isAnonymous() || triple.getObject().isLiteral()
                || !subject.getResource().equals(ontology.getOntologyID().getOntologyIRI())) {
            return false;
        }
        for (OWLAnnotation annotation : ontology.getAnnotations()) {
            if (annotation.getProperty().getIRI().equals(triple.getPredicate().getResource())
                    && annotation.getValue().equals(((RDFResource) triple.getObject()).getResource())) {
                return true;
            }
        }
        return false;
    }
}
