// The OWL API's own OWL 2 DL profile check of one ontology document, for tests/test_ontology.py.
// Compiled and run against the OWL API (3.4) that owlready2 ships inside HermiT.jar:
//   javac -cp .../owlready2/hermit/HermiT.jar -d CLASSES tests/owl_dl_profile.java
//   java -cp .../owlready2/hermit/HermiT.jar:CLASSES OwlDlProfile ONTOLOGY.owl
// Prints each triple the parser could not map to an OWL 2 axiom ("UNPARSED") and each violation of
// the OWL 2 DL profile ("VIOLATION"), then "OWL 2 DL: true|false"; exits 0 only when there are none.
import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.io.RDFOntologyFormat;
import org.semanticweb.owlapi.io.RDFResource;
import org.semanticweb.owlapi.io.RDFTriple;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAnnotation;
import org.semanticweb.owlapi.model.OWLAnnotationAssertionAxiom;
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
                if (!isReadAsAnnotation(ontology, triple)) {
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

    // OWL API 3.4 lists an annotation with an IRI value (dct:license <...> on the ontology,
    // schema:url <...> on an article) among the unparsed triples although it did read it.
    static boolean isReadAsAnnotation(OWLOntology ontology, RDFTriple triple) {
        RDFResource subject = triple.getSubject();
        if (subject.isAnonymous() || triple.getObject().isLiteral()) {
            return false;
        }
        IRI property = triple.getPredicate().getResource();
        IRI value = ((RDFResource) triple.getObject()).getResource();
        Set<OWLAnnotation> annotations = new HashSet<>();
        if (subject.getResource().equals(ontology.getOntologyID().getOntologyIRI())) {
            annotations.addAll(ontology.getAnnotations());
        }
        for (OWLAnnotationAssertionAxiom axiom : ontology.getAnnotationAssertionAxioms(subject.getResource())) {
            annotations.add(axiom.getAnnotation());
        }
        for (OWLAnnotation annotation : annotations) {
            if (annotation.getProperty().getIRI().equals(property) && annotation.getValue().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
