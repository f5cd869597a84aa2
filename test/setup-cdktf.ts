// cdktf's jest matchers (toHaveResourceWithProperties, ...), for the construct tests.
import { Testing } from 'cdktn';

Testing.setupJest();
